package dev.fieldshell.shell.sim.module;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The module's log: per-tag levels ({@code log level}) and the receivers that show lines. */
public final class LogBus {
    private static final String LEVELS = "NEWIDV"; // none, error, warn, info, debug, verbose
    private final long bootNanos = System.nanoTime();
    private final Map<String, Character> levels = new ConcurrentHashMap<>();
    private final List<Consumer<LogLine>> receivers = new CopyOnWriteArrayList<>();
    private volatile char defaultLevel = 'I';

    public long uptimeMillis() {
        return (System.nanoTime() - bootNanos) / 1_000_000;
    }

    public void subscribe(Consumer<LogLine> receiver) {
        receivers.add(receiver);
    }

    public void unsubscribe(Consumer<LogLine> receiver) {
        receivers.remove(receiver);
    }

    /** Sets the level for a tag, or the default for {@code *}/null. */
    public void setLevel(String tag, char level) {
        if (tag == null || tag.equals("*")) {
            defaultLevel = level;
            levels.clear();
        } else {
            levels.put(tag, level);
        }
    }

    public void log(char level, String tag, String text) {
        char max = levels.getOrDefault(tag, defaultLevel);
        if (LEVELS.indexOf(level) > LEVELS.indexOf(max)) {
            return;
        }
        LogLine line = new LogLine(level, uptimeMillis(), tag, text);
        for (Consumer<LogLine> r : receivers) {
            r.accept(line);
        }
    }

    public void info(String tag, String text) {
        log('I', tag, text);
    }

    public void warn(String tag, String text) {
        log('W', tag, text);
    }

    public void error(String tag, String text) {
        log('E', tag, text);
    }

    public void debug(String tag, String text) {
        log('D', tag, text);
    }
}
