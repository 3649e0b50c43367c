package dev.fieldshell.shell.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Runs lines without a terminal ({@code fieldshell -c '...'}, {@code fieldshell < script.txt}):
 * each line as the REPL would, output to stdout, one line per failure, and the run goes on.
 */
public final class ScriptRunner {

    private final LineRunner runner;
    private final Session session;

    public ScriptRunner(Session session, boolean json, boolean debug) {
        this.session = session;
        this.runner = new LineRunner(session, LocalCommands.all(), CrashSpotter.bundled(), false, json, debug,
                prompt -> Optional.empty(), new Style(false));
    }

    /** Runs the lines; returns 0 when all succeeded, 1 when any failed. */
    public int run(List<String> lines) {
        for (String line : lines) {
            if (session.quitRequested()) {
                break;
            }
            runner.run(line);
        }
        return runner.failures() > 0 ? 1 : 0;
    }

    /** Runs every line read from {@code in} until its end or {@code :quit}. */
    public int run(BufferedReader in) throws IOException {
        String line;
        while (!session.quitRequested() && (line = in.readLine()) != null) {
            runner.run(line);
        }
        return runner.failures() > 0 ? 1 : 0;
    }
}
