package dev.fieldshell.kb.symbols;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Functions sorted by start address, with the executable ranges they live in. Lookup is a binary
 * search: containment when the size is known. Past a function's end, in the bytes before the next
 * function of the same code section (alignment padding and literal pools, which GNU addr2line still
 * attributes to the preceding function through the line table), the preceding function is given
 * when no more than {@link #TRAILING_GAP} bytes away. For size-less symbols (nm without -S, hand
 * maps) the nearest preceding function is given up to {@code maxGap} bytes past its start. Nothing
 * outside the executable ranges is ever decoded, so data pointers stay data.
 */
public final class FunctionTable implements SymbolTable {

    /** Padding plus a small literal pool; a real return address never lies further past a function. */
    static final long TRAILING_GAP = 64;

    private final String origin;
    private final long[] starts;
    private final long[] sizes;
    private final String[] names;
    private final List<AddressRange> executable;
    private final long maxGap;

    /**
     * @param executable ranges that hold code; empty means "unknown", then only the symbols bound lookups
     * @param maxGap     how far past the start of a size-less function an address may lie
     */
    public FunctionTable(String origin, List<FunctionSymbol> functions, List<AddressRange> executable, long maxGap) {
        this.origin = origin;
        List<FunctionSymbol> sorted = new ArrayList<>(functions);
        // At one address keep the sized symbol first (aliases such as weak/strong pairs share starts).
        sorted.sort(Comparator.comparingLong(FunctionSymbol::start).thenComparing(f -> -f.size()).thenComparing(FunctionSymbol::name));
        List<FunctionSymbol> unique = new ArrayList<>();
        for (FunctionSymbol f : sorted) {
            if (unique.isEmpty() || unique.get(unique.size() - 1).start() != f.start()) {
                unique.add(f);
            }
        }
        this.starts = new long[unique.size()];
        this.sizes = new long[unique.size()];
        this.names = new String[unique.size()];
        for (int i = 0; i < unique.size(); i++) {
            starts[i] = unique.get(i).start();
            sizes[i] = unique.get(i).size();
            names[i] = unique.get(i).name();
        }
        this.executable = List.copyOf(executable);
        this.maxGap = maxGap;
    }

    @Override
    public Optional<String> functionAt(long address) {
        int i = floor(address);
        if (i < 0) {
            return Optional.empty();
        }
        long offset = address - starts[i];
        AddressRange range = rangeOf(address);
        if (!executable.isEmpty() && range == null) {
            return Optional.empty(); // data, or outside every code section: never a function
        }
        if (range != null && !range.contains(starts[i])) {
            return Optional.empty();
        }
        if (sizes[i] > 0) {
            if (offset < sizes[i]) {
                return Optional.of(names[i]);
            }
            boolean beforeNext = i + 1 >= starts.length || Long.compareUnsigned(address, starts[i + 1]) < 0;
            boolean trailing = range != null && beforeNext && offset - sizes[i] < TRAILING_GAP;
            return trailing ? Optional.of(names[i]) : Optional.empty();
        }
        return offset <= maxGap ? Optional.of(names[i]) : Optional.empty();
    }

    private int floor(long address) {
        int lo = 0;
        int hi = starts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(starts[mid], address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private AddressRange rangeOf(long address) {
        for (AddressRange r : executable) {
            if (r.contains(address)) {
                return r;
            }
        }
        return null;
    }

    /** The executable ranges known, in no particular order. */
    public List<AddressRange> executableRanges() {
        return executable;
    }

    /** True when {@code address} lies in code according to this table's sections (false when unknown). */
    public boolean isExecutable(long address) {
        return rangeOf(address) != null;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public int size() {
        return starts.length;
    }

    /** A code (or data) address range {@code [start, start+size)}. */
    public record AddressRange(String name, long start, long size) {
        public boolean contains(long address) {
            return address >= start && address - start < size;
        }
    }
}
