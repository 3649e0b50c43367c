package dev.fieldshell.kb.suggest;

/**
 * Says which frames carry no evidence about the cause: panic and abort plumbing, FreeRTOS task
 * wrappers, allocator and lock wrappers. Backed by the signature rules (data files) of the
 * {@code signature} package; an interface here so ranking stays a pure function of its inputs.
 */
@FunctionalInterface
public interface FrameFilter {
    /** True when {@code function} (as decoded) should be skipped when comparing backtraces. */
    boolean irrelevant(String function);

    FrameFilter NONE = f -> false;
}
