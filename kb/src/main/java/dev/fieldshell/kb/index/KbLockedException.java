package dev.fieldshell.kb.index;

import java.io.IOException;
import java.nio.file.Path;

/** Another process (usually another {@code fieldshell kb ingest}) holds the KB's write lock. */
public final class KbLockedException extends IOException {
    public KbLockedException(Path dir, Throwable cause) {
        super("the knowledge base at " + dir + " is being written by another fieldshell process (lock "
                + dir.resolve("write.lock") + "); wait for it to finish, or use --kb DIR for another knowledge base", cause);
    }
}
