package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which frames are inside the allocator and so say nothing about who allocated.
 * Interim list until the signature package's frame classifier is merged; then this delegates to it.
 */
final class AllocatorFrames {
    private static final List<String> PREFIXES = List.of(
            "heap_caps_", "multi_heap_", "tlsf_", "malloc", "calloc", "realloc", "free", "_malloc_r", "_calloc_r",
            "_realloc_r", "_free_r", "operator new", "operator delete", "pvPortMalloc", "vPortFree", "trace_malloc",
            "trace_free", "heap_trace_", "__wrap_");

    private AllocatorFrames() {}

    static Predicate<Frame> predicate() {
        return f -> f.hasFunction() && PREFIXES.stream().anyMatch(p -> f.function().startsWith(p));
    }
}
