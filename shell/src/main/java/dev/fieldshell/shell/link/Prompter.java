package dev.fieldshell.shell.link;

import java.util.Optional;

/**
 * How a link asks the person at the terminal something while it opens: whether to trust a new host
 * key, a password. A non-interactive run answers no and gives no secret.
 */
public interface Prompter {

    /** Asks a yes/no question; false without a terminal. */
    boolean confirm(String question);

    /** Reads a secret without echoing it; empty without a terminal or when the user gives up. */
    Optional<String> secret(String prompt);

    /** Tells the user something that is not an error (e.g. a fingerprint that was just trusted). */
    void info(String line);

    /** The prompter of a run without a person: trusts nothing new, knows no password. */
    Prompter NONE = new Prompter() {
        @Override
        public boolean confirm(String question) {
            return false;
        }

        @Override
        public Optional<String> secret(String prompt) {
            return Optional.empty();
        }

        @Override
        public void info(String line) {}
    };
}
