package dev.fieldshell.shell.link;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * Keeps a module link usable across drops (a network restart closes every SSH session, §1.1): when
 * the link fails it is reopened with exponential backoff. A command that was running when the link
 * dropped is never sent again: it may have run on the module, so the user decides. The gap (when
 * the link dropped, when it came back) goes to the link-event listener, i.e. the transcript.
 */
public final class ReconnectingLink implements ModuleLink {

    /** Opens the underlying link. */
    @FunctionalInterface
    public interface Opener {
        ModuleLink open() throws LinkException;
    }

    /** Waits between attempts: {@code first}, doubling up to {@code max}, at most {@code attempts} tries. */
    public record Backoff(Duration first, Duration max, int attempts) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), 6);
    }

    private final Opener opener;
    private final Backoff backoff;
    private ModuleLink link;
    private volatile Consumer<String> logListener = l -> {};
    private volatile Consumer<String> linkEvents = l -> {};
    private volatile boolean closed;
    /** Set once every reopen attempt failed: each later command would sit through the whole backoff again. */
    private volatile boolean givenUp;

    /** Opens the link now; a failure here is reported as is (nothing to reconnect to yet). */
    public ReconnectingLink(Opener opener, Backoff backoff) throws LinkException {
        this.opener = opener;
        this.backoff = backoff;
        this.link = opener.open();
    }

    @Override
    public String target() {
        return current().target();
    }

    @Override
    public ModuleInfo info() {
        return current().info();
    }

    private synchronized ModuleLink current() {
        return link;
    }

    @Override
    public CommandResult run(String commandLine) throws LinkException {
        return call(commandLine, l -> l.run(commandLine));
    }

    @Override
    public CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException {
        return call(commandLine, l -> l.stream(commandLine, sink));
    }

    private interface Call {
        CommandResult on(ModuleLink l) throws LinkException;
    }

    private CommandResult call(String commandLine, Call call) throws LinkException {
        ModuleLink l;
        synchronized (this) {
            if (closed) {
                throw new LinkException(link.target() + ": the link is closed");
            }
            if (givenUp) {
                throw new LinkException(link.target() + ": the link was lost and could not be reopened; :connect again when the module is back");
            }
            if (!link.isOpen()) {
                // Dropped while idle: reopen before sending; nothing was lost yet.
                reopen("the link had dropped while idle", Instant.now());
            }
            l = link;
        }
        try {
            return call.on(l);
        } catch (LinkException e) {
            if (l.isOpen() || closed) {
                throw e; // the command failed, the link did not
            }
            Instant dropped = Instant.now();
            String back;
            synchronized (this) {
                back = reopen(e.getMessage(), dropped);
            }
            throw new LinkException(e.getMessage() + "; " + back + "; `" + commandLine
                    + "` was not sent again: check its effect before repeating it", e);
        }
    }

    /** Reopens with backoff; returns a short account, or throws when every attempt failed. */
    private String reopen(String why, Instant dropped) throws LinkException {
        String target = link.target();
        linkEvents.accept("link dropped at " + dropped.truncatedTo(ChronoUnit.MILLIS) + ": " + why);
        link.close();
        Duration wait = backoff.first();
        LinkException last = null;
        for (int attempt = 1; attempt <= backoff.attempts() && !closed; attempt++) {
            try {
                ModuleLink fresh = opener.open();
                fresh.onLog(logListener);
                link = fresh;
                Instant now = Instant.now();
                String gap = "reconnected at " + now.truncatedTo(ChronoUnit.MILLIS) + " after "
                        + Duration.between(dropped, now).toMillis() + " ms (attempt " + attempt + ")";
                linkEvents.accept(gap + "; no command was replayed");
                return gap;
            } catch (LinkRefusedException e) {
                givenUp = true;
                linkEvents.accept("reconnect attempt " + attempt + " refused: " + e.getMessage());
                throw new LinkException(target + ": link lost and not reopened, since trying again cannot help (" + e.getMessage()
                        + "); :connect again once that is sorted out", e);
            } catch (LinkException e) {
                last = e;
                linkEvents.accept("reconnect attempt " + attempt + " failed: " + e.getMessage());
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
            wait = wait.multipliedBy(2).compareTo(backoff.max()) > 0 ? backoff.max() : wait.multipliedBy(2);
        }
        givenUp = !closed;
        throw new LinkException(target + ": link lost and not reopened after " + backoff.attempts() + " attempts"
                + (last == null ? "" : " (last: " + last.getMessage() + ")") + "; :connect again when the module is back", last);
    }

    @Override
    public void interrupt() {
        current().interrupt();
    }

    @Override
    public void upload(String path, byte[] content) throws LinkException {
        current().upload(path, content);
    }

    @Override
    public boolean canUpload() {
        return current().canUpload();
    }

    @Override
    public void onLog(Consumer<String> listener) {
        this.logListener = listener;
        current().onLog(listener);
    }

    @Override
    public void onLinkEvent(Consumer<String> listener) {
        this.linkEvents = listener;
    }

    /** Open until closed, or until every reopen failed (then no command is sent any more). A link dropped while idle still counts: the next command reopens it. */
    @Override
    public boolean isOpen() {
        return !closed && !givenUp;
    }

    @Override
    public Duration commandTimeout() {
        return current().commandTimeout();
    }

    /** The link in use now (changes after a reconnect). */
    public synchronized ModuleLink underlying() {
        return link;
    }

    @Override
    public void close() {
        closed = true;
        current().close();
    }
}
