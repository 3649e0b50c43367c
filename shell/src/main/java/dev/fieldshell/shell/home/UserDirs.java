package dev.fieldshell.shell.home;

import java.nio.file.Path;
import java.util.Map;

/**
 * fieldshell's own directories under the XDG base directories: {@code config} (settings, user
 * macros), {@code data} (the knowledge base), {@code state} (history, transcripts, undo journal,
 * saved macro output). Tests pass their own environment map instead of touching the real home.
 */
public record UserDirs(Path config, Path data, Path state) {

    public static UserDirs fromEnvironment() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    public static UserDirs from(Map<String, String> env, Path home) {
        return new UserDirs(
                base(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("fieldshell"),
                base(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve("fieldshell"),
                base(env, "XDG_STATE_HOME", home.resolve(".local/state")).resolve("fieldshell"));
    }

    /** Where user macros live. */
    public Path scripts() {
        return config.resolve("scripts");
    }

    /** Where the undo journal keeps one directory per module. */
    public Path undo() {
        return state.resolve("undo");
    }

    /** Where macros save what they collect (heap-trace dumps, crash reports). */
    public Path output() {
        return state.resolve("output");
    }

    private static Path base(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // The XDG spec says relative values are invalid and must be ignored.
        return v != null && !v.isBlank() && Path.of(v).isAbsolute() ? Path.of(v) : fallback;
    }
}
