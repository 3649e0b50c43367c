package dev.fieldshell.shell.repl;

import java.nio.file.Path;
import java.util.Map;

/**
 * fieldshell's directories after the XDG base directory rules: {@code $XDG_CONFIG_HOME/fieldshell}
 * (default {@code ~/.config/fieldshell}), {@code $XDG_DATA_HOME/fieldshell}
 * ({@code ~/.local/share}), {@code $XDG_STATE_HOME/fieldshell} ({@code ~/.local/state}) and
 * {@code $XDG_CACHE_HOME/fieldshell} ({@code ~/.cache}). Nothing is created here.
 */
public record XdgDirs(Path config, Path data, Path state, Path cache) {

    /** The directories for the given environment and home directory. */
    public static XdgDirs from(Map<String, String> env, Path home) {
        return new XdgDirs(
                base(env, "XDG_CONFIG_HOME", home.resolve(".config")),
                base(env, "XDG_DATA_HOME", home.resolve(".local/share")),
                base(env, "XDG_STATE_HOME", home.resolve(".local/state")),
                base(env, "XDG_CACHE_HOME", home.resolve(".cache")));
    }

    /** The directories of this process. */
    public static XdgDirs system() {
        return from(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    private static Path base(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        // The XDG spec says relative values are invalid and must be ignored.
        Path p = v == null || v.isBlank() || !Path.of(v).isAbsolute() ? fallback : Path.of(v);
        return p.resolve("fieldshell");
    }
}
