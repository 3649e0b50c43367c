package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A macro's declarations are read from the disk cache by a later process (a new runner) without
 * evaluating the file, exactly as evaluating it would give them; a changed, renamed or
 * clock-reading macro, or a damaged cache entry, is evaluated as before.
 */
class MetaCacheTest {

    @TempDir
    Path tmp;

    private static final String MACRO = """
            export const meta = {
              name: 'probe',
              summary: 'checks the cache',
              mode: 'collect',
              params: {
                delay: { type: 'int', default: 5000, help: 'ms' },
                after: { default: ['a.b', 'c.d'] },
                quiet: { type: 'bool', default: false },
              },
            };
            export default function () {}
            """;

    private Path write(String name, String text) throws Exception {
        Path f = tmp.resolve("scripts").resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private MacroRunner runner() {
        return new MacroRunner(MacroRunner.DEFAULT_LIMIT, tmp.resolve("cache"));
    }

    private List<Path> cached() throws Exception {
        Path dir = tmp.resolve("cache");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aLaterProcessReadsTheDeclarationsWithoutJavaScript() throws Exception {
        Path f = write("probe.js", MACRO);
        MacroRunner first = runner();
        MacroDescriptor evaluated = first.describe(f);
        assertThat(first.loads()).isEqualTo(1);
        assertThat(cached()).hasSize(1);

        MacroRunner later = runner();
        MacroDescriptor fromCache = later.describe(f);
        assertThat(later.loads()).as("no context for the declarations").isZero();
        assertThat(fromCache).isEqualTo(evaluated);
        assertThat(fromCache.mode()).isEqualTo(MacroDescriptor.Mode.COLLECT);
        assertThat(fromCache.params()).extracting(MacroParam::name, MacroParam::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("delay", MacroParam.Type.INT),
                org.assertj.core.groups.Tuple.tuple("after", MacroParam.Type.LIST),
                org.assertj.core.groups.Tuple.tuple("quiet", MacroParam.Type.BOOL));
    }

    @Test
    void theWarmUpAfterTabStillStartsTheEngineWhenTheDeclarationsAreCached() throws Exception {
        dev.fieldshell.shell.repl.XdgDirs dirs = new dev.fieldshell.shell.repl.XdgDirs(
                tmp.resolve("config"), tmp.resolve("data"), tmp.resolve("state"), tmp.resolve("cache"));
        Path user = MacroCatalog.userScripts(dirs);
        Files.createDirectories(user);
        Files.writeString(user.resolve("probe.js"), MACRO);
        new MacroTool(dirs).catalog().list(); // an earlier process: the declarations are cached

        MacroTool later = new MacroTool(dirs);
        later.warmUp();
        long giveUp = System.nanoTime() + 120_000_000_000L;
        while (later.runner().warmUps() == 0 && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
        assertThat(later.runner().warmUps()).as("the engine was started in the background").isEqualTo(1);
        assertThat(later.runner().loads()).as("declarations from the cache").isZero();
        assertThat(later.runner().loaded(user.resolve("probe.js"))).isPresent();
    }

    @Test
    void aChangedFileIsEvaluatedAgain() throws Exception {
        Path f = write("probe.js", MACRO);
        runner().describe(f);
        Files.writeString(f, MACRO.replace("checks the cache", "checks it again"));
        MacroRunner later = runner();
        assertThat(later.describe(f).summary()).isEqualTo("checks it again");
        assertThat(later.loads()).isEqualTo(1);
    }

    @Test
    void theSameTextUnderAnotherNameGetsTheFilesOwnError() throws Exception {
        runner().describe(write("probe.js", MACRO));
        Path renamed = write("other.js", MACRO);
        MacroRunner later = runner();
        assertThatThrownBy(() -> later.describe(renamed))
                .isInstanceOf(MacroException.class)
                .hasMessageContaining("meta.name is 'probe' but the file is other.js");
        assertThat(later.loads()).as("the file itself decides, not the cache").isEqualTo(1);
    }

    @Test
    void declarationsThatReadTheClockAreNotKept() throws Exception {
        Path f = write("probe.js", MACRO.replace("default: 5000", "default: Date.now() % 2"));
        runner().describe(f);
        assertThat(cached()).isEmpty();
        MacroRunner later = runner();
        later.describe(f);
        assertThat(later.loads()).isEqualTo(1);
    }

    @Test
    void aDamagedEntryIsIgnored() throws Exception {
        Path f = write("probe.js", MACRO);
        MacroDescriptor evaluated = runner().describe(f);
        Files.writeString(cached().get(0), "{\"name\": ");
        MacroRunner later = runner();
        assertThat(later.describe(f)).isEqualTo(evaluated);
        assertThat(later.loads()).isEqualTo(1);
    }

    @Test
    void aMacroThatFailsToLoadIsNotKept() throws Exception {
        Path f = write("probe.js", MACRO.replace("export default function () {}", "ovms.vfs.rm('/store/x');"));
        assertThatThrownBy(() -> runner().describe(f)).isInstanceOf(MacroException.class)
                .hasMessageContaining("not available while a macro loads");
        assertThat(cached()).isEmpty();
    }
}
