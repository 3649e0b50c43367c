package dev.fieldshell.shell.ovms;

import java.util.List;
import java.util.Optional;

/** One thing sent to a module while a step is applied. */
public sealed interface Action {

    /** A command line, and what its output must look like for the action to count as done. */
    record Send(String line, Expect expect) implements Action {}

    /** A file written by scp, for contents the console cannot carry. */
    record Upload(String path, String content) implements Action {}

    /** How the module answers a command that worked. */
    record Expect(boolean silent, List<String> acceptedPrefixes) {

        /** Success prints nothing ({@code vfs echo}, {@code vfs append}). */
        public static final Expect SILENT = new Expect(true, List.of());
        /** Any output that is not one of the module's error forms. */
        public static final Expect NO_ERROR = new Expect(false, List.of());

        public static Expect oneOf(String... prefixes) {
            return new Expect(false, List.of(prefixes));
        }

        /** What is wrong with {@code output}, or empty when the command worked. */
        public Optional<String> problem(String output) {
            String out = output.strip();
            String first = out.lines().findFirst().orElse("");
            if (silent) {
                return out.isEmpty() ? Optional.empty() : Optional.of(first);
            }
            if (!acceptedPrefixes.isEmpty()) {
                return acceptedPrefixes.stream().anyMatch(out::startsWith) ? Optional.empty() : Optional.of(first.isEmpty() ? "(no output)" : first);
            }
            return isErrorLine(first) ? Optional.of(first) : Optional.empty();
        }

        /** The module's ways of saying a command did not run (console reference §3.2, §4). */
        public static boolean isErrorLine(String first) {
            return first.startsWith("Error") || first.startsWith("ERROR") || first.startsWith("Unrecognised command")
                    || first.startsWith("Usage:") || first.startsWith("Subcommand required") || first.startsWith("All subcommands require");
        }
    }
}
