package dev.fieldshell.shell.repl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Lines a module prints outside any command (log lines on serial or with {@code log monitor yes},
 * a panic on the USB console): shown above the prompt, written to the transcript, and watched for
 * crash text. A crash block is kept with the lines just before the marker and those that follow
 * it, so {@code :kb suggest} sees the whole of it.
 */
final class UnsolicitedOutput {

    private static final int KEEP = 60;

    private final CrashSpotter spotter;
    private final Consumer<String> printer;
    private final Session session;
    private final Deque<String> recent = new ArrayDeque<>();
    private StringBuilder crash;
    private long crashUntil;

    UnsolicitedOutput(CrashSpotter spotter, Consumer<String> printer, Session session) {
        this.spotter = spotter;
        this.printer = printer;
        this.session = session;
    }

    synchronized void accept(String target, String line) {
        printer.accept(line);
        session.record("log", (target.isEmpty() ? "" : "[" + target + "] ") + line);
        long now = System.nanoTime();
        if (crash != null && now < crashUntil) {
            crash.append(line).append('\n');
            session.lastCrash(crash.toString());
            crashUntil = now + 2_000_000_000L;
            return;
        }
        crash = null;
        recent.addLast(line);
        while (recent.size() > KEEP) {
            recent.removeFirst();
        }
        spotter.spot(line).ifPresent(s -> {
            crash = new StringBuilder();
            for (String r : recent) {
                crash.append(r).append('\n');
            }
            crashUntil = now + 2_000_000_000L;
            session.lastCrash(crash.toString());
            printer.accept("crash text seen (" + s.label() + "); :kb suggest ranks its likely causes");
            session.record("crash", "recognized " + s.label()); // as for crash text in command output
            answerWhenComplete(crash);
        });
    }

    /**
     * The top suggestion for a crash in log lines, once its block is complete (no line of it for
     * two seconds): answering on the marker alone would rank a backtrace without its frames.
     */
    private void answerWhenComplete(StringBuilder block) {
        Thread.ofPlatform().daemon(true).name("kb-inline-answer").start(() -> {
            try {
                while (true) {
                    long left;
                    synchronized (this) {
                        left = crash == block ? crashUntil - System.nanoTime() : 0;
                    }
                    if (left <= 0) {
                        break;
                    }
                    Thread.sleep(Math.min(250, left / 1_000_000 + 1));
                }
            } catch (InterruptedException e) {
                return;
            }
            String text;
            synchronized (this) {
                text = block.toString();
            }
            dev.fieldshell.shell.kb.KbLocalCommand.answerInline(session, text, printer);
        });
    }
}
