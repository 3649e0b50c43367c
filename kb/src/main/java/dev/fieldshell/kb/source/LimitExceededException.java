package dev.fieldshell.kb.source;

import java.io.IOException;

/** Input exceeded an {@link ImportLimits} bound at a byte offset. */
final class LimitExceededException extends IOException {
    final long offset;

    LimitExceededException(long offset, String message) {
        super(message);
        this.offset = offset;
    }
}
