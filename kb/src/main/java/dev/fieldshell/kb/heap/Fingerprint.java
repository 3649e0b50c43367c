package dev.fieldshell.kb.heap;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The multiset of block sizes one occurrence of a chain leaves behind (e.g. one TLS handshake), and
 * how many times the chain's live blocks hold it.
 *
 * @param sizes   sizes of one occurrence, ascending; empty when no repeating pattern was found
 * @param repeats how many whole occurrences the live blocks contain
 * @param method  how it was found: {@code bursts} (blocks allocated close together in time) or
 *                {@code counts} (every size occurs a multiple of the same number of times)
 */
public record Fingerprint(List<Long> sizes, long repeats, String method) {
    public static final Fingerprint NONE = new Fingerprint(List.of(), 0, "");

    public Fingerprint {
        sizes = List.copyOf(sizes);
    }

    public boolean found() {
        return !sizes.isEmpty() && repeats >= 2;
    }

    public long bytesPerOccurrence() {
        return sizes.stream().mapToLong(Long::longValue).sum();
    }

    /** {@code 2/3/12/16/24/32/45/81/168 B} */
    public String describe() {
        return sizes.stream().map(String::valueOf).collect(Collectors.joining("/")) + " B";
    }
}
