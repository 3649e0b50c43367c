package dev.fieldshell.kb.index;

/** The kinds of KB documents. */
public enum DocType {
    MAIL,
    ISSUE,
    NOTE,
    CRASH
}
