package dev.fieldshell.shell.link;

/** The link to a module failed (unreachable, refused, closed, timed out): not an error of the command. */
public class LinkException extends Exception {
    public LinkException(String message) {
        super(message);
    }

    public LinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
