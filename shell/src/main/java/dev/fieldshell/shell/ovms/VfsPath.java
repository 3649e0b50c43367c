package dev.fieldshell.shell.ovms;

import java.util.Optional;

/** Checks a module file path before any command uses it. */
public final class VfsPath {

    public static final String EVENTS_DIR = "/store/events";

    private VfsPath() {}

    /** Why {@code path} may not be written by a plan, or empty when it may. */
    public static Optional<String> problem(String path) {
        if (!(path.startsWith("/store/") || path.startsWith("/sd/"))) {
            return Optional.of("'" + path + "' is outside /store and /sd");
        }
        if (path.endsWith("/")) {
            return Optional.of("'" + path + "' names a directory, not a file");
        }
        for (String part : path.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                return Optional.of("'" + path + "' contains '" + part + "'");
            }
        }
        if (path.regionMatches(true, 0, "/store/ovms_config", 0, 18)) {
            return Optional.of("'" + path + "' is a protected path (the module answers 'Error: protected path')");
        }
        String name = name(path);
        if (name.contains("*") || name.contains("?")) {
            // vfs rm treats * and ? in the last component as a glob and would delete other files.
            return Optional.of("'" + path + "' has * or ? in its name, which 'vfs rm' treats as a wildcard");
        }
        return Optional.empty();
    }

    public static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    /** How many names a path has: 1 for the volume {@code /store}, 2 for {@code /store/events}. */
    public static int depth(String path) {
        return (int) java.util.Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).count();
    }

    public static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** {@code /store/events/<event>/<script>}. */
    public static String eventScript(String event, String script) {
        return EVENTS_DIR + "/" + event + "/" + script;
    }
}
