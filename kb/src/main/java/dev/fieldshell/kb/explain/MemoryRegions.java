package dev.fieldshell.kb.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        try (InputStream in = MemoryRegions.class.getResourceAsStream("memory-regions.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing memory-regions.txt");
            }
            List<Region> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                int hash = line.indexOf('#');
                String l = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (l.isEmpty()) {
                    continue;
                }
                String[] f = l.split("\\s+");
                out.add(new Region(f[0], Long.decode(f[1]), Long.decode(f[2]), f[3], f[4].equals("yes")));
            }
            return new MemoryRegions(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
