package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.HeapTrace;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.util.Optional;

/** {@code module check [alert]}, {@code module memory}, {@code module tasks}, {@code module trace …} (reference §6). */
final class ModuleCommands {
    private static final String NO_TRACING = "ERROR: Heap tracing not available (needs CONFIG_HEAP_TRACING=Y)";

    /** A plausible task table: name, state, stack now/max/total, heap total/32-bit/SPIRAM, core, priority. */
    private record Task(int handle, int num, String state, String name, int now, int max, int total, int heap,
            int heap32, int spiram, char core, int prio) {}

    private static final Task[] TASKS = {
        new Task(0x3FFAFB88, 1, "Blk", "esp_timer", 436, 708, 4096, 41452, 644, 46208, '0', 22),
        new Task(0x3FFBDB3C, 2, "Blk", "eventTask", 448, 1760, 4608, 0, 0, 0, '0', 20),
        new Task(0x3FFC0190, 3, "Blk", "OVMS Events", 628, 3492, 8192, 2412, 0, 38552, '1', 5),
        new Task(0x3FFC4F08, 4, "Blk", "OVMS DukTape", 456, 9640, 12288, 308, 0, 116584, '1', 3),
        new Task(0x3FFC9A2C, 5, "Blk", "OVMS CanRx", 432, 1952, 6144, 0, 0, 0, '0', 23),
        new Task(0x3FFCC07C, 6, "Blk", "ipc0", 388, 500, 1024, 7732, 0, 0, '0', 24),
        new Task(0x3FFCC680, 7, "Blk", "ipc1", 392, 504, 1024, 12, 0, 0, '1', 24),
        new Task(0x3FFCE7B4, 8, "Rdy", "IDLE0", 356, 580, 1024, 0, 0, 0, '0', 0),
        new Task(0x3FFCED48, 9, "Rdy", "IDLE1", 356, 580, 1024, 0, 0, 0, '1', 0),
        new Task(0x3FFCF748, 10, "Blk", "Tmr Svc", 388, 2212, 3072, 0, 0, 0, '*', 20),
        new Task(0x3FFD4B18, 11, "Blk", "tiT", 528, 2624, 3072, 12364, 0, 4532, '*', 18),
        new Task(0x3FFD72A8, 12, "Blk", "OVMS SIMCOM", 456, 2592, 4096, 3564, 0, 29216, '1', 20),
        new Task(0x3FFDA5A0, 13, "Blk", "wifi", 436, 2652, 3584, 44368, 1144, 0, '0', 23),
        new Task(0x3FFE0F7C, 14, "Blk", "OVMS Console", 428, 2804, 6144, 0, 0, 20, '1', 5),
        new Task(0x3FFE3A8C, 15, "Run", "OVMS NetMan", 1336, 5616, 8192, 9908, 0, 35872, '1', 5),
        new Task(0x3FFEA9BC, 16, "Blk", "OVMS Vehicle", 460, 2380, 6144, 0, 0, 2828, '1', 10),
        new Task(0x3FFEC4F0, 17, "Blk", "OVMS COrx can1", 440, 896, 4096, 0, 0, 0, '1', 23),
        new Task(0x3FFED67C, 18, "Blk", "mdns", 436, 1756, 4096, 108, 0, 0, '0', 1),
    };

    private ModuleCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        CommandNode n = root.add("module", "MODULE framework");
        CommandNode check = n.add("check", "Check heap integrity", c -> check(c, core), "", 0, 0, true);
        if (core.firmware().has("module.check.alert")) {
            check.add("alert", "Check heap integrity and send one-off alert on corruption", c -> checkAlert(c, core), "", 0, 0, true);
        }
        n.add("memory", "Show module memory usage", c -> memory(c, core), "[<task names or ids>|*|=]", 0, 10, true);
        n.add("tasks", "Show module task usage", ModuleCommands::tasks, "[stack]", 0, 1, true);
        if (core.firmware().has("module.trace")) {
            CommandNode t = n.add("trace", "Heap tracing");
            t.add("start", "Start heap tracing", c -> traceStart(c, core), "[<num_records>]", 0, 1, true);
            t.add("stop", "Stop heap tracing", c -> traceSimple(c, core, "stop"), "", 0, 0, true);
            t.add("pause", "Pause heap tracing", c -> traceSimple(c, core, "pause"), "", 0, 0, true);
            t.add("resume", "Resume heap tracing", c -> traceSimple(c, core, "resume"), "", 0, 0, true);
            t.add("status", "Show heap tracing status", c -> traceSimple(c, core, "status"), "", 0, 0, true);
            t.add("dump", "Dump heap trace records", c -> traceSimple(c, core, "dump"), "", 0, 0, true);
        }
    }

    /** {@code heap_caps_check_integrity_all(true)} and the boot flag / event on first detection. */
    static Optional<String> runCheck(ModuleCore core) {
        Optional<String> found = core.heap().check();
        if (found.isPresent() && core.heap().flagCorruption() && core.firmware().has("event.system.heap.corrupted")) {
            core.events().signal("system.heap.corrupted");
        }
        return found;
    }

    private static String limit(String text, Console console) {
        int cap = Math.min(console.verbosity(), 4096);
        return text.length() > cap ? text.substring(0, cap) : text;
    }

    private static void check(Call c, ModuleCore core) {
        Optional<String> found = runCheck(core);
        if (!core.firmware().has("module.check.output")) {
            // Up to 3.3.005 the captured text went to the UART only.
            found.ifPresent(t -> core.consoles().forEach(con -> con.raw(t)));
            return;
        }
        c.print(found.map(t -> limit(t, c.console())).orElse("Heap integrity OK\n"));
    }

    /** {@code module_check_heap_alert}: one alert per boot. */
    static String checkAlert(ModuleCore core) {
        Optional<String> found = runCheck(core);
        if (found.isEmpty()) {
            return "Heap integrity OK";
        }
        if (core.heap().sendAlertOnce(found.get())) {
            core.log().info("notify", "alert/debug.heap.corruption: " + found.get().strip());
            core.events().signal("notify.alert.debug.heap.corruption");
            return "Heap corrupted, alert sent";
        }
        return "Heap corrupted";
    }

    private static void checkAlert(Call c, ModuleCore core) {
        c.puts(checkAlert(core));
    }

    private static void memory(Call c, ModuleCore core) {
        long used = core.heap().corrupted() ? 4096 : 0;
        c.puts(String.format("Free 8-bit %d/%d, 32-bit %d/%d, SPIRAM %d/%d", 64132 - used, 245712, 16648, 43432, 3497172, 4194252));
        c.puts("--Task--     Total DRAM D/IRAM   IRAM SPIRAM   +/- DRAM D/IRAM   IRAM SPIRAM");
        for (Task t : TASKS) {
            if (t.heap + t.heap32 + t.spiram > 0) {
                c.puts(String.format("%-15.15s %7d%7d%7d%7d    %+7d%+7d%+7d%+7d", t.name, t.heap, 0, t.heap32, t.spiram, 0, 0, 0, 0));
            }
        }
    }

    private static void tasks(Call c) {
        c.puts("Number of Tasks = " + TASKS.length + "        Stack:  Now   Max Total    Heap 32-bit SPIRAM C# PRI CPU% BPR/MH");
        for (Task t : TASKS) {
            c.puts(String.format("%08X %4d %s %-15s %5d %5d %5d %7d%7d%7d  %c %3d %3.0f%% %3d/%2d",
                    t.handle, t.num, t.state, t.name, t.now, t.max, t.total, t.heap, t.heap32, t.spiram, t.core, t.prio,
                    t.name.startsWith("IDLE") ? 48.0 : 0.0, t.prio, 0));
        }
    }

    private static void traceStart(Call c, ModuleCore core) {
        if (!core.tracingBuild()) {
            c.puts(NO_TRACING);
            return;
        }
        HeapTrace trace = core.trace();
        if (trace.state() == HeapTrace.State.RUNNING || trace.state() == HeapTrace.State.PAUSED) {
            c.puts("ERROR: heap tracing already started, stop before restart");
            return;
        }
        int n = 500;
        if (c.argc() == 1) {
            try {
                n = Integer.parseInt(c.arg(0));
            } catch (NumberFormatException e) {
                n = 0;
            }
        }
        n = Math.max(n, 10);
        trace.start(n);
        c.puts("Heap tracing started at " + trace.anchorText() + ", recording " + n + " allocations");
    }

    private static void traceSimple(Call c, ModuleCore core, String what) {
        if (!core.tracingBuild()) {
            c.puts(NO_TRACING);
            return;
        }
        HeapTrace trace = core.trace();
        HeapTrace.State s = trace.state();
        if (s == HeapTrace.State.NOT_STARTED || (s == HeapTrace.State.STOPPED && !what.equals("dump"))) {
            c.puts("Heap tracing not started");
            return;
        }
        switch (what) {
            case "stop" -> {
                trace.stop();
                c.puts("Heap tracing stopped");
            }
            case "pause" -> {
                trace.pause();
                c.puts("Heap tracing paused, recorded " + trace.recorded() + "/" + trace.capacity() + " allocations");
            }
            case "resume" -> {
                trace.resume();
                c.puts("Heap tracing resumed at " + trace.anchorText());
            }
            case "status" -> c.puts("Heap tracing " + (s == HeapTrace.State.PAUSED ? "paused" : "running")
                    + ", started/resumed at " + trace.anchorText() + ", recorded " + trace.recorded() + "/" + trace.capacity() + " allocations");
            default -> {
                c.puts("Heap tracing started/resumed at " + trace.anchorText());
                c.print(trace.dump());
            }
        }
    }
}
