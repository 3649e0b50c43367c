package dev.fieldshell.shell.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One interactive OVMS console (an SSH shell channel or the USB serial console) driven with the
 * sentinel method of §9: send {@code cmd\r} and {@code echo __END_<n>__\r}, collect output until the
 * sentinel's line, hand log lines to a listener. Ctrl-C is sent with a fresh sentinel, since a
 * follow-mode command swallows what was typed after it. The transport feeds received text into
 * {@link #received} from its own thread and reports its end with {@link #closed}.
 */
final class FramedConsole {

    /** Writes text to the module. */
    @FunctionalInterface
    interface Sender {
        void send(String text) throws LinkException;
    }

    private static final Object CLOSED = new Object();
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private final String target;
    private final Sender sender;
    private final ConsoleFramer framer = new ConsoleFramer();
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private long nextId = 1 + (System.nanoTime() & 0xffff) * 1000; // unlikely to appear in output by chance
    private volatile long interruptId = -1;
    private volatile long interruptDeadline = Long.MAX_VALUE;
    private volatile boolean broken;
    private volatile Consumer<String> logListener = l -> {};
    /**
     * Whether a caller is reading the events (a command, a probe, the banner); guarded by the framer's lock.
     * True from the start: until the opener has read the banner or probed, what arrives is its to read.
     */
    private boolean reading = true;
    /** Held while log lines are handed to the listener from outside a reading caller, so they keep their order. */
    private final Object delivery = new Object();

    FramedConsole(String target, Sender sender) {
        this.target = target;
        this.sender = sender;
    }

    void received(String text) {
        synchronized (delivery) {
            List<String> idleLogs = new ArrayList<>();
            synchronized (framer) {
                // Queued under the framer's lock: whoever sees the framer's state also finds the
                // events that led to it in the queue (awaitPrompt relies on it).
                for (ConsoleFramer.Event ev : framer.feed(text)) {
                    if (!reading && ev instanceof ConsoleFramer.Event.Log l) {
                        idleLogs.add(l.line()); // nobody reads now: the USB console's logs (or log monitor's) show as they come
                    } else {
                        events.add(ev);
                    }
                }
            }
            idleLogs.forEach(logListener);
        }
    }

    /**
     * Marks whether a caller reads the events. When it stops, the log lines still queued (those that came
     * after its end) are handed on at once rather than with the next command.
     */
    private void reading(boolean on) {
        synchronized (delivery) {
            List<String> queuedLogs = new ArrayList<>();
            synchronized (framer) {
                reading = on;
                if (!on) {
                    events.removeIf(ev -> ev instanceof ConsoleFramer.Event.Log l && queuedLogs.add(l.line()));
                }
            }
            queuedLogs.forEach(logListener);
        }
    }

    void closed() {
        events.add(CLOSED);
    }

    void onLog(Consumer<String> listener) {
        this.logListener = listener;
    }

    boolean broken() {
        return broken;
    }

    void markBroken() {
        broken = true;
    }

    boolean secure() {
        synchronized (framer) {
            return framer.secure();
        }
    }

    /** Waits until a prompt ends what was printed (the SSH banner); returns the lines before it. */
    String awaitPrompt(Duration timeout) throws LinkException {
        reading(true);
        try {
            return awaitPromptReading(timeout);
        } finally {
            reading(false);
        }
    }

    private String awaitPromptReading(Duration timeout) throws LinkException {
        StringBuilder banner = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (framer) {
                String partial = framer.partialLine();
                if (partial.endsWith(ConsoleFramer.SECURE_PROMPT) || partial.endsWith(ConsoleFramer.PROMPT)) {
                    // The banner's lines may have come in the same packet as the prompt and still
                    // be queued: take them too, or the firmware version would be missed.
                    for (Object ev = events.poll(); ev != null; ev = events.poll()) {
                        if (ev == CLOSED) {
                            throw new LinkException(target + ": the module closed the session before its prompt");
                        }
                        if (ev instanceof ConsoleFramer.Event.Log l) {
                            banner.append(l.line()).append('\n');
                        }
                    }
                    return banner.toString();
                }
            }
            // A prompt arrives as an unfinished line, which makes no event: look again every few ms.
            Object ev = poll(Math.min(deadline, System.nanoTime() + 20_000_000L));
            if (ev == null) {
                if (System.nanoTime() < deadline) {
                    continue;
                }
                throw new LinkException(target + ": the module sent no prompt within " + timeout.toSeconds() + " s");
            }
            if (ev == CLOSED) {
                throw new LinkException(target + ": the module closed the session before its prompt");
            }
            if (ev instanceof ConsoleFramer.Event.Log l) {
                banner.append(l.line()).append('\n');
            }
        }
    }

    /**
     * Sends only a sentinel and waits for it: puts a console of unknown state (a serial port just
     * opened, maybe with half a line typed) at a fresh prompt. Returns the unsolicited lines seen.
     */
    void sync(Duration timeout) throws LinkException {
        reading(true);
        try {
            syncReading(timeout);
        } finally {
            reading(false);
        }
    }

    private void syncReading(Duration timeout) throws LinkException {
        long id;
        synchronized (framer) {
            id = nextId++;
            framer.sentinelSent(id);
        }
        // Ctrl-U clears a half-typed line; Ctrl-C ends a follow mode someone left running.
        sender.send("\u0003\u0015\recho __END_" + id + "__\r");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object ev = poll(deadline);
            if (ev == null) {
                broken = true;
                throw new LinkException(target + ": the module does not answer (no reply to a probe within "
                        + timeout.toSeconds() + " s; is it powered, and the baud rate right?)");
            }
            if (ev == CLOSED) {
                broken = true;
                throw new LinkException(target + ": the port closed");
            }
            if (ev instanceof ConsoleFramer.Event.Log l) {
                logListener.accept(l.line());
            } else if (ev instanceof ConsoleFramer.Event.End e && e.id() >= id) {
                return;
            }
        }
    }

    /** Runs one command: the complete output, or a {@link LinkException} when the link fails. */
    CommandResult exchange(String command, Consumer<String> sink, Duration timeout, boolean bounded) throws LinkException {
        if (broken) {
            throw new LinkException(target + ": the link is closed");
        }
        reading(true);
        try {
            return exchangeReading(command, sink, timeout, bounded);
        } finally {
            reading(false);
        }
    }

    private CommandResult exchangeReading(String command, Consumer<String> sink, Duration timeout, boolean bounded) throws LinkException {
        long started = System.nanoTime();
        long id;
        synchronized (framer) {
            id = nextId++;
            framer.commandSent(id);
        }
        interruptId = -1;
        interruptDeadline = Long.MAX_VALUE;
        drainIdle();
        sender.send(command + "\r" + "echo __END_" + id + "__\r");
        StringBuilder out = new StringBuilder();
        long deadline = bounded ? started + timeout.toNanos() : Long.MAX_VALUE;
        while (true) {
            boolean interrupted = interruptId > 0;
            long until = interrupted ? Math.min(deadline, interruptDeadline) : deadline;
            Object ev;
            if (until == Long.MAX_VALUE) {
                ev = poll(System.nanoTime() + 200_000_000L); // wake up now and then to notice an interrupt
                if (ev == null) {
                    continue;
                }
            } else {
                ev = poll(until);
            }
            if (ev == null) {
                if (!interrupted && interruptId > 0) {
                    continue; // an interrupt came in while waiting: wait for its own deadline
                }
                broken = true;
                throw new LinkException(target + ": the module stopped answering (" + (interrupted
                        ? "no prompt " + INTERRUPT_GRACE.toSeconds() + " s after Ctrl-C"
                        : "no end of output after " + timeout.toSeconds() + " s") + ")");
            }
            if (ev == CLOSED) {
                broken = true;
                throw new LinkException(target + ": the link dropped while `" + command + "` ran");
            }
            if (ev instanceof ConsoleFramer.Event.Output o) {
                out.append(o.text());
                sink.accept(o.text());
            } else if (ev instanceof ConsoleFramer.Event.Log l) {
                logListener.accept(l.line());
            } else if (ev instanceof ConsoleFramer.Event.End e && e.id() >= Math.max(id, interruptId)) {
                return new CommandResult(target, command, out.toString(), Duration.ofNanos(System.nanoTime() - started));
            }
        }
    }

    /** Sends Ctrl-C and a new sentinel; the running {@link #exchange} ends at that sentinel. */
    void interrupt() {
        long id;
        synchronized (framer) {
            id = nextId++;
            framer.sentinelSent(id);
        }
        interruptDeadline = System.nanoTime() + INTERRUPT_GRACE.toNanos();
        interruptId = id;
        try {
            sender.send("\u0003echo __END_" + id + "__\r");
        } catch (LinkException e) {
            // The command loop sees the link closing.
        }
    }

    private void drainIdle() {
        Object ev;
        while ((ev = events.peek()) != null && ev != CLOSED) {
            events.poll();
            if (ev instanceof ConsoleFramer.Event.Log l) {
                logListener.accept(l.line());
            }
        }
    }

    private Object poll(long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            return wait <= 0 ? events.poll() : events.poll(wait, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
