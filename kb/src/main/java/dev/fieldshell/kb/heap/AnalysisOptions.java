package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.function.Predicate;

/**
 * How to analyse.
 *
 * @param clockHz       the CCOUNT rate (the CPU clock: 240 MHz on OVMS unless told otherwise)
 * @param clockSource   how the clock was chosen, shown in the output
 * @param resolver      address → function
 * @param allocatorFrame frames to skip when forming chains (allocator internals)
 * @param falsePositives documented false positives
 * @param rules         verdict thresholds
 * @param maxChains     distinct chains kept per window; later ones are pooled as {@code (other chains)}
 */
public record AnalysisOptions(
        double clockHz,
        String clockSource,
        FrameResolver resolver,
        Predicate<Frame> allocatorFrame,
        FalsePositives falsePositives,
        VerdictRules rules,
        int maxChains) {

    public static final double DEFAULT_CLOCK_HZ = 240e6;

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(DEFAULT_CLOCK_HZ, "default", FrameResolver.NONE, AllocatorFrames.predicate(),
                FalsePositives.bundled(), VerdictRules.bundled(), 20_000);
    }

    public AnalysisOptions withClock(double hz, String source) {
        return new AnalysisOptions(hz, source, resolver, allocatorFrame, falsePositives, rules, maxChains);
    }

    public AnalysisOptions withResolver(FrameResolver r) {
        return new AnalysisOptions(clockHz, clockSource, r, allocatorFrame, falsePositives, rules, maxChains);
    }

    public AnalysisOptions withAllocatorFrames(Predicate<Frame> p) {
        return new AnalysisOptions(clockHz, clockSource, resolver, p, falsePositives, rules, maxChains);
    }
}
