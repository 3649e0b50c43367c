package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashParser;
import dev.fieldshell.kb.explain.Explainer;
import dev.fieldshell.kb.signature.FrameClass;
import dev.fieldshell.kb.signature.FrameClassifier;
import dev.fieldshell.kb.signature.SignatureGenerator;

/** The crash parser, frame rules, signatures and explanations fieldshell ships, wired for suggestions. */
public final class StandardAnalysis {
    private StandardAnalysis() {}

    public static SuggestSession.Analysis get() {
        SignatureGenerator signatures = SignatureGenerator.standard();
        FrameClassifier rules = signatures.classifier();
        Explainer explainer = Explainer.standard();
        // Plumbing (panic/abort/assert, task wrappers), allocator and lock frames say nothing about the cause.
        FrameFilter filter = f -> {
            FrameClass c = rules.classify(f).frameClass();
            return c == FrameClass.IRRELEVANT || c == FrameClass.ALLOCATOR || c == FrameClass.LOCK;
        };
        return new SuggestSession.Analysis(CrashParser::parse, filter, c -> signatures.generate(c).text(), explainer::explain);
    }
}
