package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.repl.LocalCommand;
import dev.fieldshell.shell.repl.Session;
import dev.fieldshell.shell.repl.XdgDirs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code :undo NAME} with nothing in the journal for NAME says so at once, without connecting to NAME. */
class UndoJournalFirstTest {

    @TempDir
    Path tmp;

    @Test
    void nothingToUndoIsSaidWithoutAConnectionAttempt() {
        List<String> opened = new ArrayList<>();
        StringWriter out = new StringWriter();
        XdgDirs dirs = XdgDirs.from(Map.of(), tmp);
        // Opening stands for the real cost: a connection, maybe a host-key question, maybe a timeout.
        Session s = new Session(t -> {
            opened.add(t);
            throw new LinkException(t + ": connection timed out");
        }, new PrintWriter(out, true), q -> true, false, false, dirs, Clock.systemUTC());

        assertThatThrownBy(() -> new UndoLocalCommand().run(List.of("car", "--yes"), s))
                .as("the REPL's status is a failure, with nothing more said").isInstanceOf(LocalCommand.Reported.class);
        assertThat(opened).as("targets opened").isEmpty();
        assertThat(out.toString()).isEqualTo("car: nothing to undo (no change in the journal " + dirs.state().resolve("undo") + ")\n");
    }
}
