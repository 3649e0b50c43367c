package dev.fieldshell.kb.explain;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Address ranges of the ESP32 family (crash-formats.md §1.7), read from {@code memory-regions.txt}:
 * {@code chip start end region executable}, first match wins.
 */
final class MemoryRegions {

    record Region(String chip, long start, long end, String name, boolean executable) {}

    private final List<Region> regions;

    private MemoryRegions(List<Region> regions) {
        this.regions = List.copyOf(regions);
    }

    static MemoryRegions standard() {
        return of(DataFile.bundled(MemoryRegions.class, "memory-regions.txt"));
    }

    static MemoryRegions of(DataFile file) {
        List<Region> out = new ArrayList<>();
        for (DataFile.Line line : file.lines()) {
            String[] f = line.text().split("\\s+");
            try {
                if (f.length != 5 || !(f[4].equals("yes") || f[4].equals("no"))) {
                    throw line.bad("chip start end region yes|no");
                }
                out.add(new Region(f[0], Long.decode(f[1]), Long.decode(f[2]), f[3], f[4].equals("yes")));
            } catch (NumberFormatException e) {
                throw line.bad("chip start end region yes|no, with numbers for start and end");
            }
        }
        return new MemoryRegions(out);
    }

    /** The region holding {@code address} on {@code chip}, or null. */
    Region find(String chip, long address) {
        for (Region r : regions) {
            if (r.chip().equals(chip) && address >= r.start() && address < r.end()) {
                return r;
            }
        }
        return null;
    }
}
