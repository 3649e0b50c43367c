package dev.fieldshell.kb.heap;

import java.util.List;

/**
 * The result of analysing one or more heap-trace windows.
 *
 * @param clockHz     the CCOUNT clock used to turn cycles into time
 * @param clockSource where that clock came from ({@code default}, {@code --clock-mhz}, …)
 * @param windows     the windows, in input order
 * @param chains      the chains, most live bytes first
 * @param notes       notes not tied to one window (symbols, chain cap)
 */
public record HeapAnalysis(
        double clockHz, String clockSource, List<WindowReport> windows, List<ChainReport> chains, List<String> notes) {

    public HeapAnalysis {
        windows = List.copyOf(windows);
        chains = List.copyOf(chains);
        notes = List.copyOf(notes);
    }

    /** Some window lost records (overflow, truncation, cut-out records). */
    public boolean incomplete() {
        return windows.stream().anyMatch(WindowReport::incomplete);
    }

    public long records() {
        return windows.stream().mapToLong(WindowReport::records).sum();
    }

    public List<ChainReport> chains(Verdict v) {
        return chains.stream().filter(c -> c.verdict() == v).toList();
    }
}
