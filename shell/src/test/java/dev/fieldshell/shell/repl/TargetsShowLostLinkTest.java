package dev.fieldshell.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleInfo;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.link.ReconnectingLink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code :targets} shows a link that was lost as lost, not with the console mode it had before. */
class TargetsShowLostLinkTest {

    @TempDir
    Path tmp;

    /** A secure serial console whose cable can be pulled. */
    private static final class Cable implements ModuleLink {
        final AtomicBoolean plugged;

        Cable(AtomicBoolean plugged) {
            this.plugged = plugged;
        }

        public String target() {
            return "serial:/dev/ttyUSB0";
        }

        public ModuleInfo info() {
            return new ModuleInfo("3.3.006-259-g1aa1daff1/ota_0/edge", "", true);
        }

        public CommandResult run(String c) throws LinkException {
            if (!plugged.get()) {
                throw new LinkException("serial:/dev/ttyUSB0: the port closed");
            }
            return new CommandResult("serial:/dev/ttyUSB0", c, "ok\n", Duration.ZERO);
        }

        public CommandResult stream(String c, Consumer<String> sink) throws LinkException {
            return run(c);
        }

        public boolean isOpen() {
            return plugged.get();
        }

        public void interrupt() {}

        public void close() {}
    }

    @Test
    void aLinkLostForGoodIsShownAsLostNotSecure() throws Exception {
        AtomicBoolean plugged = new AtomicBoolean(true);
        ReconnectingLink link = new ReconnectingLink(() -> {
            if (!plugged.get()) {
                throw new LinkException("serial:/dev/ttyUSB0: no such serial port /dev/ttyUSB0 (is the cable plugged in?)");
            }
            return new Cable(plugged);
        }, new ReconnectingLink.Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 2));
        StringWriter out = new StringWriter();
        Session s = new Session(t -> link, new PrintWriter(out), q -> false, false, false, XdgDirs.from(Map.of(), tmp), Clock.systemUTC());
        s.connect("serial:/dev/ttyUSB0", "car");
        LineRunner runner = new LineRunner(s, LocalCommands.all(), CrashSpotter.bundled(), false, false, false, p -> Optional.empty(),
                new Style(false));

        runner.run(":targets");
        assertThat(out.toString()).isEqualTo("* car  serial:/dev/ttyUSB0  3.3.006-259-g1aa1daff1/ota_0/edge  secure\n");

        plugged.set(false);
        runner.run("boot status");
        assertThat(out.toString()).contains("link lost and not reopened after 2 attempts");
        out.getBuffer().setLength(0);
        runner.run(":targets");
        assertThat(out.toString()).isEqualTo("* car  serial:/dev/ttyUSB0  3.3.006-259-g1aa1daff1/ota_0/edge  link lost\n");
    }
}
