package dev.fieldshell.shell.repl;

import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/** JLine history that never holds a password: every line is masked by {@link Secrets} before it is kept or saved. */
final class MaskingHistory extends DefaultHistory {
    @Override
    public void add(Instant time, String line) {
        super.add(time, Secrets.mask(line));
    }
}
