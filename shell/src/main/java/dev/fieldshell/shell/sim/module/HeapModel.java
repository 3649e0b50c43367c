package dev.fieldshell.shell.sim.module;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The heap as {@code module check} sees it: intact until a corruption is injected
 * ({@code test heapcorruption keep} or the {@code corrupt-heap-on} fault), then one block with a
 * zeroed first tail-canary byte. Also remembers the one-off alert and the corruption flag.
 */
public final class HeapModel {
    public static final long BLOCK = 0x3f8e44f0L;
    public static final long OWNER = 0x3ffea9bcL;
    public static final long TAIL_CANARY = 0xbaad5678L;
    public static final String ALERT_PREFIX =
            "Heap corruption detected, reboot advised ASAP!\nPlease forward including task records and system log:\n\n";

    private final boolean ownerField;
    private boolean corrupted;
    private boolean alertSent;
    private boolean flagged;
    private final List<String> alerts = new ArrayList<>();

    /** {@code ownerField}: the OVMS esp-idf fork's {@code owner <task>} in the message (3.3.006+). */
    public HeapModel(boolean ownerField) {
        this.ownerField = ownerField;
    }

    public synchronized void corrupt() {
        corrupted = true;
    }

    public synchronized void restore() {
        corrupted = false;
    }

    public synchronized boolean corrupted() {
        return corrupted;
    }

    /** What {@code heap_caps_check_integrity_all(true)} prints, or empty when the heap is intact. */
    public synchronized Optional<String> check() {
        if (!corrupted) {
            return Optional.empty();
        }
        return Optional.of(corruptionLine() + "\n");
    }

    /** The CORRUPT HEAP line for the injected corruption (first tail byte zeroed). */
    public String corruptionLine() {
        String owner = ownerField ? String.format(" owner 0x%08x", OWNER) : "";
        return String.format("CORRUPT HEAP: Bad tail at 0x%08x%s. Expected 0x%08x got 0x%08x",
                BLOCK, owner, TAIL_CANARY, TAIL_CANARY & 0xffffff00L);
    }

    /** Marks the corruption for the boot record; true only the first time (event raised once). */
    public synchronized boolean flagCorruption() {
        if (flagged) {
            return false;
        }
        flagged = true;
        return true;
    }

    /** Records the alert unless one was sent; true when this call sent it. */
    public synchronized boolean sendAlertOnce(String details) {
        if (alertSent) {
            return false;
        }
        alertSent = true;
        alerts.add(ALERT_PREFIX + details);
        return true;
    }

    /** Alert notifications sent so far ({@code alert/debug.heap.corruption}). */
    public synchronized List<String> alerts() {
        return List.copyOf(alerts);
    }
}
