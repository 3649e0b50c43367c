package dev.fieldshell.shell.sim.module;

import java.util.ArrayList;
import java.util.List;

/**
 * The boot and crash data {@code boot status} reports. A crash comes from a {@code boot status}
 * text captured from a module: its {@code Reset reason:} and {@code Crash counters:} lines and its
 * {@code Last crash:} block are reported as they were.
 */
public final class BootRecord {
    private String resetReason = "Power-on event (1)";
    private String bootReason = "PowerOn (1/14)";
    private String counters = "0 total, 0 early";
    private List<String> crashBlock = List.of();
    private int resets;

    /** Loads a crash from {@code boot status} text; throws when the text has no {@code Last crash:} block. */
    public static BootRecord fromBootStatus(String text) {
        BootRecord r = new BootRecord();
        List<String> block = new ArrayList<>();
        boolean inCrash = false;
        for (String raw : text.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("Reset reason:")) {
                r.resetReason = line.substring("Reset reason:".length()).strip();
            } else if (line.startsWith("Crash counters:")) {
                r.counters = line.substring("Crash counters:".length()).strip().replace(';', ',');
            } else if (line.startsWith("This is reset #")) {
                r.resets = Integer.parseInt(line.replaceAll("\\D+", " ").strip().split(" ")[0]);
            } else if (line.startsWith("Last crash:")) {
                inCrash = true;
                block.add(line);
                continue;
            }
            if (inCrash && !line.startsWith("Last crash:")) {
                if (line.isEmpty() || line.startsWith("Hardware:")) {
                    continue;
                }
                block.add("  " + line);
            }
        }
        if (block.isEmpty()) {
            throw new IllegalArgumentException("no 'Last crash:' block in the crash file");
        }
        r.crashBlock = List.copyOf(block);
        r.bootReason = "Crash (12/12)";
        if (r.counters.startsWith("0 ")) {
            r.counters = "1 total, 0 early";
        }
        r.resets = Math.max(r.resets, 1);
        return r;
    }

    public synchronized String resetReason() {
        return resetReason;
    }

    public synchronized String bootReason() {
        return bootReason;
    }

    public synchronized String counters() {
        return counters;
    }

    public synchronized int resets() {
        return resets;
    }

    public synchronized List<String> crashBlock() {
        return crashBlock;
    }

    public synchronized void clear() {
        crashBlock = List.of();
        counters = "0 total, 0 early";
        resets = 0;
    }
}
