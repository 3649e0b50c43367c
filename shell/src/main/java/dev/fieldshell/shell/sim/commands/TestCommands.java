package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.module.HeapModel;
import dev.fieldshell.shell.sim.module.ModuleCore;

/** {@code test heapcorruption [keep|restore]} (reference §6.1, 3.3.006+). */
final class TestCommands {
    private TestCommands() {}

    static void register(CommandNode root, ModuleCore core) {
        if (!core.firmware().has("test.heapcorruption.keep")) {
            return;
        }
        CommandNode n = root.add("test", "Test framework");
        n.add("heapcorruption", "Test heap corruption detection", c -> heapCorruption(c, core), "[keep|restore]", 0, 1, true);
    }

    private static void heapCorruption(Call c, ModuleCore core) {
        boolean keep = c.argc() == 1 && c.arg(0).equals("keep");
        if (c.argc() == 1 && !keep && !c.arg(0).equals("restore")) {
            c.node().putUsage(c.console());
            return;
        }
        HeapModel heap = core.heap();
        c.puts("Initial check of heap integrity...");
        if (heap.corrupted()) {
            c.puts("CHECK FAILED: heap already corrupted:");
            c.print(heap.check().orElse(""));
            c.puts("Done.");
            return;
        }
        c.puts(String.format("OK, corrupting heap integrity now at address 0x%08x, canary 0x%x", HeapModel.BLOCK, HeapModel.TAIL_CANARY));
        heap.corrupt();
        c.puts("Check heap integrity...");
        c.puts("CHECK SUCCEEDED: corruption was detected (expected result):");
        c.print(heap.check().orElse(""));
        if (keep) {
            c.puts("Keeping test corruption in place (testing module heap alert).");
        } else {
            heap.restore();
            c.puts(String.format("Restored address 0x%08x canary 0x%x", HeapModel.BLOCK, HeapModel.TAIL_CANARY));
        }
        c.puts("Done.");
    }
}
