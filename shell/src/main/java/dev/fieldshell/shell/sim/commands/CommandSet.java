package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.module.ModuleCore;

/** Registers every command of the simulated module on its command tree, gated by firmware version. */
public final class CommandSet {
    private CommandSet() {}

    public static void install(ModuleCore core) {
        var root = core.commands();
        RootCommands.register(root, core);
        VfsCommands.register(root, core);
        EventCommands.register(root, core);
        ModuleCommands.register(root, core);
        BootCommands.register(root, core);
        ConfigCommands.register(root, core);
        MetricsCommands.register(root, core);
        LogCommands.register(root, core);
        TestCommands.register(root, core);
        ServerCommands.register(root, core);
        SimCommands.register(root, core);
    }

    /** {@code module_check_heap_alert()} for callers outside the console (the periodic check). */
    public static String checkHeapAlert(ModuleCore core) {
        return ModuleCommands.checkAlert(core);
    }
}
