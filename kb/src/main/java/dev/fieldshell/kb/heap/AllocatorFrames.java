package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.signature.FrameClass;
import dev.fieldshell.kb.signature.FrameClassifier;
import java.util.function.Predicate;

/**
 * Which frames say nothing about who allocated: allocator internals and irrelevant plumbing, by the
 * signature package's rule files (the same prefix lists as signatures), so both agree.
 */
final class AllocatorFrames {
    private AllocatorFrames() {}

    static Predicate<Frame> predicate() {
        FrameClassifier rules = FrameClassifier.standard();
        return f -> {
            if (!f.hasFunction()) {
                return false;
            }
            FrameClass c = rules.classify(f.function()).frameClass();
            return c == FrameClass.ALLOCATOR || c == FrameClass.IRRELEVANT;
        };
    }
}
