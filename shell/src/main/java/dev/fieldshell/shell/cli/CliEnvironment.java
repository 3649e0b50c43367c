package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.repl.XdgDirs;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Where the macro, undo, js and events subcommands find their directories and their answers:
 * the process's XDG directories and standard input, or what an in-process test puts here.
 */
final class CliEnvironment {

    private static volatile Supplier<XdgDirs> dirs = XdgDirs::system;
    private static volatile Supplier<InputStream> stdin = () -> System.in;

    private CliEnvironment() {}

    static XdgDirs dirs() {
        return dirs.get();
    }

    static InputStream stdin() {
        return stdin.get();
    }

    /** For tests in this package: run subcommands against these directories and this input. */
    static void use(XdgDirs d, InputStream in) {
        dirs = () -> d;
        stdin = () -> in;
    }

    static void reset() {
        dirs = XdgDirs::system;
        stdin = () -> System.in;
    }
}
