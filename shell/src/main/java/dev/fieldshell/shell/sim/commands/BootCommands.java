package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.BootRecord;
import dev.fieldshell.shell.sim.module.ModuleCore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** {@code boot}, {@code boot status}, {@code boot clear} (reference §7); all non-secure. */
final class BootCommands {
    private static final DateTimeFormatter BOOT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ENGLISH);

    private BootCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        // An instant, not a ZonedDateTime: the zone is looked up when boot status asks for it.
        // Looking it up here would load the JDK's time-zone rules on every simulator start, and
        // with them a search of every jar on the class path for other rule providers, on the way
        // to the REPL's first prompt.
        Instant bootTime = Instant.now();
        CommandNode n = root.add("boot", "BOOT framework", c -> status(c, core, bootTime), "$C", 0, 0, false);
        n.add("status", "Show boot system status", c -> status(c, core, bootTime), "", 0, 0, false);
        n.add("clear", "Clear/reset boot system status", c -> {
            core.boot().clear();
            c.puts("Boot status data has been cleared.");
        }, "", 0, 0, false);
    }

    private static void status(Call c, ModuleCore core, Instant bootTime) {
        BootRecord b = core.boot();
        c.puts("Last boot was " + core.log().uptimeMillis() / 1000 + " second(s) ago");
        c.puts("Time at boot: " + BOOT_TIME.format(bootTime.atZone(ZoneId.systemDefault())));
        c.puts("  This is reset #" + b.resets() + " since last power cycle");
        c.puts("  Detected boot reason: " + b.bootReason());
        c.puts("  Reset reason: " + b.resetReason());
        c.puts("  Crash counters: " + b.counters());
        if (core.firmware().has("boot.auto.init.level")) {
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
