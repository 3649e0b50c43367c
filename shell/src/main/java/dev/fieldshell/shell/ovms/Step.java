package dev.fieldshell.shell.ovms;

/**
 * One change a plan makes to a module. Steps say what should happen, not how: {@link PlanRenderer}
 * turns each into the command lines the target's firmware understands.
 */
public sealed interface Step {

    /** A one-line human description, e.g. {@code write /store/events/x/00-a (1 line)}. */
    String describe();

    /**
     * Whether sending the step again after it was sent whole leaves the module as sending it once.
     * The journal may record such a step as done a little later (with the next step's start);
     * resuming after a crash in between sends it again, which changes nothing.
     */
    default boolean repeatable() {
        return true;
    }

    /** Creates or replaces a file with exactly {@code content}. */
    record WriteFile(String path, String content) implements Step {
        public String describe() {
            long lines = content.chars().filter(c -> c == '\n').count();
            return "write " + path + " (" + lines + (lines == 1 ? " line" : " lines") + ", " + content.length() + " bytes)";
        }
    }

    /** Appends {@code line} and a newline to an existing file, as {@code vfs append} does. */
    record AppendLine(String path, String line) implements Step {
        @Override
        public boolean repeatable() {
            return false;
        }

        public String describe() {
            return "append to " + path + ": " + line;
        }
    }

    record RemoveFile(String path) implements Step {
        public String describe() {
            return "remove " + path;
        }
    }

    /** Creates a directory and its missing parents. */
    record MakeDir(String path) implements Step {
        public String describe() {
            return "mkdir " + path;
        }
    }

    /**
     * Removes an empty directory ({@code vfs rmdir}, without {@code -r}: a file someone else put
     * there makes the module refuse rather than lose it). Used by undo for directories the apply
     * created.
     */
    record RemoveDir(String path) implements Step {
        public String describe() {
            return "rmdir " + path;
        }
    }

    /** Raises an event now ({@code delayMs} 0) or after a delay. Not undoable: an event cannot be taken back. */
    record RaiseEvent(String event, long delayMs) implements Step {
        @Override
        public boolean repeatable() {
            return false;
        }

        public String describe() {
            return "raise " + event + (delayMs > 0 ? " in " + delayMs + " ms" : "");
        }
    }

    record SetConfig(String param, String instance, String value) implements Step {
        public String describe() {
            return "config " + param + " " + instance + " = " + value;
        }
    }

    /** Removes a config instance; used by undo when the instance did not exist before. */
    record RemoveConfig(String param, String instance) implements Step {
        public String describe() {
            return "config remove " + param + " " + instance;
        }
    }

    /** A command line sent as given (already quoted by its author). Not undoable. */
    record RunCommand(String commandLine) implements Step {
        @Override
        public boolean repeatable() {
            return false;
        }

        public String describe() {
            return "run " + commandLine;
        }
    }
}
