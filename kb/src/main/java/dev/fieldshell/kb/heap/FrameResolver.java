package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;

/** Gives a raw frame its function, file and line; returns it unchanged when the address is unknown. */
@FunctionalInterface
public interface FrameResolver {
    Frame resolve(Frame raw);

    /** Leaves every frame as it is (no symbols given). */
    FrameResolver NONE = f -> f;
}
