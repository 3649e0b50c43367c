package dev.fieldshell.kb.heap;

import dev.fieldshell.kb.crash.Frame;
import java.util.List;
import java.util.SortedMap;

/**
 * Everything known about one caller chain across all windows.
 *
 * @param key            the chain: its non-allocator frames, innermost first, joined by {@code " < "}
 * @param frames         the frames of its first record, resolved where symbols allow (allocator frames kept)
 * @param allocatorOnly  every recorded frame was inside the allocator: the trace depth is too small to tell more
 * @param windows        one entry per analysed window, in input order (absent windows have count 0)
 * @param count          allocations in all windows
 * @param bytes          bytes allocated in all windows
 * @param alive          blocks not freed, all windows
 * @param aliveBytes     bytes not freed, all windows
 * @param sizes          live block size → count, all windows
 * @param fingerprint    the per-occurrence multiset of live sizes and how often it repeats
 * @param persistence    how it behaves across windows
 * @param falsePositive  the documented ESP-IDF false positive it matches, empty when none
 * @param verdict        likely leak, transient or unknown
 * @param reason         why, in one sentence with the numbers
 * @param kb             knowledge-base documents about it
 */
public record ChainReport(
        String key,
        List<Frame> frames,
        boolean allocatorOnly,
        List<ChainWindow> windows,
        long count,
        long bytes,
        long alive,
        long aliveBytes,
        SortedMap<Long, Long> sizes,
        Fingerprint fingerprint,
        Persistence persistence,
        String falsePositive,
        Verdict verdict,
        String reason,
        List<KbMatch> kb) {

    public ChainReport {
        frames = List.copyOf(frames);
        windows = List.copyOf(windows);
        kb = List.copyOf(kb);
    }

    public ChainReport withKb(List<KbMatch> matches) {
        return new ChainReport(key, frames, allocatorOnly, windows, count, bytes, alive, aliveBytes, sizes, fingerprint,
                persistence, falsePositive, verdict, reason, matches);
    }

    /** The function names of the chain, innermost first (hex for unresolved frames). */
    public List<String> functions() {
        return List.of(key.split(" < "));
    }
}
