package dev.fieldshell.kb.index;

/** A query string that is not valid Lucene query syntax; the message says where. */
public final class KbQueryException extends Exception {
    public KbQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
