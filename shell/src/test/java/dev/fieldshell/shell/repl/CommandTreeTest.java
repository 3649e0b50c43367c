package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTreeTest {

    private static final String ROOT = """
            .                    Run a script
            boot                 BOOT framework
            vfs                  VFS framework
            """;
    private static final String VFS = """
            Usage: vfs append|cat|echo|ls|mkdir|stat|tail
            append               VFS append a line to a file
            cat                  VFS display a file
            echo                 VFS write a line to a file
            ls                   VFS list directory
            mkdir                VFS create a directory
            stat                 VFS show file size and md5 digest
            tail                 VFS output tail of a file
            """;

    @Test
    void levelsAreAskedOncePerFirmwareAndCached(@TempDir Path cache) {
        List<String> asked = new ArrayList<>();
        Optional<Path> file = CommandTree.cacheFileFor(cache, "3.3.006-259-g1aa1daff1/ota_0/edge");
        CommandTree tree = new CommandTree(cmd -> {
            asked.add(cmd);
            return Optional.of(cmd.equals("?") ? ROOT : cmd.equals("vfs ?") ? VFS : "Usage: x\n");
        }, file);
        assertThat(tree.resolve(List.of("vf"))).contains(List.of("vfs"));
        assertThat(tree.children(List.of("vfs"))).containsExactly("append", "cat", "echo", "ls", "mkdir", "stat", "tail");
        assertThat(asked).containsExactly("?", "vfs ?");
        assertThat(Files.exists(file.get())).isTrue();

        List<String> askedAgain = new ArrayList<>();
        CommandTree again = new CommandTree(cmd -> {
            askedAgain.add(cmd);
            return Optional.empty();
        }, file);
        assertThat(again.children(List.of("vfs"))).contains("stat");
        assertThat(askedAgain).isEmpty();
    }

    @Test
    void usageContinuationLinesAreNotChildren() {
        assertThat(CommandTree.parseListing("Usage: vfs mkdir [-p] <path>\n-p = create full path including missing parents\n"))
                .isEmpty();
    }
}
