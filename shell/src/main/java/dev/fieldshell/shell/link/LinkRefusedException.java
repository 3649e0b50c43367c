package dev.fieldshell.shell.link;

/**
 * The module was reached and the link was refused on our side or on its side: a changed or untrusted host
 * key, a login it did not accept. Trying again the same way cannot succeed, so a dropped link is not
 * reopened after this (six tries of a changed host key only kept the user waiting ~16 s).
 */
public final class LinkRefusedException extends LinkException {
    public LinkRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
