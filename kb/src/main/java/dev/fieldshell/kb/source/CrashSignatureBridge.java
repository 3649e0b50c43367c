package dev.fieldshell.kb.source;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.signature.Signature;
import dev.fieldshell.kb.signature.SignatureGenerator;
import java.util.ArrayList;
import java.util.List;

/** A crash's signatures as the signature package computes them: the readable one and, when there are addresses, the address one. */
final class CrashSignatureBridge {
    private CrashSignatureBridge() {}

    static List<String> signatures(CrashReport c) {
        Signature s = SignatureGenerator.standard().generate(c);
        List<String> out = new ArrayList<>(2);
        if (!s.text().isEmpty() && !s.text().startsWith("EMPTY:")) {
            out.add(s.text());
        }
        if (!s.addressSignature().isEmpty()) {
            out.add(s.addressSignature());
        }
        return out;
    }
}
