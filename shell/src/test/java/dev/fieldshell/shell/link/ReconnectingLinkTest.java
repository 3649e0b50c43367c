package dev.fieldshell.shell.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What the user waits for once a module is gone: the backoff once, not again on every line typed after it. */
class ReconnectingLinkTest {

    /** A link whose module went away: every command fails and the link says it is no longer open. */
    private static final class GoneLink implements ModuleLink {
        public String target() {
            return "serial:/dev/ttyUSB0";
        }

        public ModuleInfo info() {
            return new ModuleInfo("3.3.006", "", true);
        }

        public CommandResult run(String c) throws LinkException {
            throw new LinkException("serial:/dev/ttyUSB0: the port closed");
        }

        public CommandResult stream(String c, Consumer<String> sink) throws LinkException {
            return run(c);
        }

        public boolean isOpen() {
            return false;
        }

        public void interrupt() {}

        public void close() {}
    }

    @Test
    void afterEveryReopenFailedLaterCommandsFailAtOnceWithoutTryingAgain() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        ReconnectingLink link = new ReconnectingLink(() -> {
            if (opens.incrementAndGet() > 1) {
                throw new LinkException("serial:/dev/ttyUSB0: no such serial port /dev/ttyUSB0 (is the cable plugged in?)");
            }
            return new GoneLink();
        }, new ReconnectingLink.Backoff(Duration.ofMillis(1), Duration.ofMillis(2), 3));

        assertThatThrownBy(() -> link.run("echo one")).hasMessageContaining("link lost and not reopened after 3 attempts");
        assertThat(opens).hasValue(4);
        assertThatThrownBy(() -> link.run("echo two")).hasMessage(
                "serial:/dev/ttyUSB0: the link was lost and could not be reopened; :connect again when the module is back");
        assertThat(opens).as("no more attempts").hasValue(4);
    }
}
