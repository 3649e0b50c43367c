package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.BootRecord;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** {@code boot}, {@code boot status}, {@code boot clear} (reference §7); all non-secure. */
final class BootCommands {
    private static final DateTimeFormatter BOOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);

    private BootCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        ZonedDateTime bootTime = ZonedDateTime.now();
        CommandNode n = root.add("boot", "BOOT framework", c -> status(c, core, bootTime), "$C", 0, 0, false);
        n.add("status", "Show boot system status", c -> status(c, core, bootTime), "", 0, 0, false);
        n.add("clear", "Clear/reset boot system status", c -> {
            core.boot().clear();
            c.puts("Boot status data has been cleared.");
        }, "", 0, 0, false);
    }

    private static void status(Call c, ModuleCore core, ZonedDateTime bootTime) {
        BootRecord b = core.boot();
        c.puts("Last boot was " + core.log().uptimeMillis() / 1000 + " second(s) ago");
        c.puts("Time at boot: " + BOOT_TIME.format(bootTime));
        c.puts("  This is reset #" + b.resets() + " since last power cycle");
        c.puts("  Detected boot reason: " + b.bootReason());
        c.puts("  Reset reason: " + b.resetReason());
        c.puts("  Crash counters: " + b.counters());
        if (core.firmware().has("boot.autoinit")) {
            c.puts("  Auto init level: Full");
        }
        if (!b.crashBlock().isEmpty()) {
            c.puts("");
            for (String line : b.crashBlock()) {
                c.puts(line);
            }
            c.puts("");
            c.puts("  Hardware: " + core.hardware());
        }
    }
}
