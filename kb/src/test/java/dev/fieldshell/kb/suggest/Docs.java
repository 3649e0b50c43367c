package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.crash.SourceFormat;
import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders for test documents and crashes. */
final class Docs {
    private Docs() {}

    static CrashReport crash(String exception, String... functions) {
        List<Frame> frames = Arrays.stream(functions).map(f -> Frame.named(0, f)).toList();
        return new CrashReport(CrashKind.EXCEPTION, SourceFormat.DECODED, exception, 1, Map.of(), frames, false, "", "", "", "", "",
                "", List.of(), Optional.empty(), String.join("\n", functions), 1);
    }

    static KbDocument doc(String id, DocType type, String thread, String title, String text, List<CrashReport> crashes,
            List<String> refs, List<String> signatures) {
        return new KbDocument(id, type, title, "https://example.invalid/" + id, "2024-01-01", "someone", text, crashes, List.of(),
                thread, refs, signatures, List.of(), "", "", "", "", List.of());
    }

    static KbDocument mail(String id, String thread, String title, String text, CrashReport... crashes) {
        return doc(id, DocType.MAIL, thread, title, text, List.of(crashes), thread.equals(id) ? List.of() : List.of(thread), List.of());
    }

    static KbDocument issue(String id, String title, String text, String status, CrashReport... crashes) {
        KbDocument d = doc(id, DocType.ISSUE, id, title, text, List.of(crashes), List.of(), List.of());
        return new KbDocument(d.id(), d.type(), d.title(), d.url(), d.date(), d.author(), d.text(), d.crashes(), d.quotedFrom(),
                d.threadId(), d.references(), d.signatures(), d.components(), status, "", "", "", List.of());
    }

    /** A closed issue whose crashes are what the shipped parser reads from its text. */
    static KbDocument parsedIssue(String id, String title, String text) {
        return issue(id, title, text, "closed", StandardAnalysis.get().parser().apply(text).toArray(CrashReport[]::new));
    }
}
