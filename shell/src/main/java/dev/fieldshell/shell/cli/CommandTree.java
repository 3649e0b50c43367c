package dev.fieldshell.shell.cli;

import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli tree. Picocli reflects over every command class it is given, and for the whole
 * tree that costs more CPU than a one-shot {@code fieldshell kb suggest} spends on the crash itself;
 * so when the arguments name a subcommand (and, below it, a sub-subcommand), only that branch is
 * built. Anything else (no subcommand, an unknown name, an option we do not know the arity of,
 * {@code help}) gets the whole tree, so usage, "did you mean" and help output stay as they were.
 */
final class CommandTree {
    /** Options that may come before the subcommand's name and take no value. */
    private static final Set<String> FLAGS = Set.of("--debug", "--json", "-h", "--help", "-V", "--version");
    /** Options that take one value as the next argument. */
    private static final Set<String> WITH_VALUE = Set.of("-c", "--command");

    private CommandTree() {}

    /** The root with all subcommands, or with only the branch {@code args} name. */
    static CommandLine build(Object root, List<Class<?>> subcommands, String... args) {
        CommandLine cl = new CommandLine(root);
        addSubcommands(cl, subcommands, args, 0);
        return cl;
    }

    /**
     * Adds {@code subcommands} to {@code parent}: only the one named by the first word of
     * {@code args} at or after {@code from} when that word names one, else all of them.
     */
    static void addSubcommands(CommandLine parent, List<Class<?>> subcommands, String[] args, int from) {
        int at = firstWord(args, from);
        Class<?> chosen = null;
        if (at >= 0 && !"help".equals(args[at])) {
            for (Class<?> c : subcommands) {
                if (names(c).contains(args[at])) {
                    chosen = c;
                    break;
                }
            }
        }
        for (Class<?> c : subcommands) {
            if (chosen == null || c == chosen) {
                parent.addSubcommand(instance(c, chosen == null ? new String[0] : args, at + 1));
            }
        }
    }

    /** The index of the first argument at or after {@code from} that is not an option, or -1 (also when an option is not known). */
    private static int firstWord(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (WITH_VALUE.contains(a)) {
                i++;
            } else if (a.startsWith("--command=")) {
                continue;
            } else if (a.startsWith("-")) {
                if (!FLAGS.contains(a)) {
                    return -1;
                }
            } else {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> names(Class<?> c) {
        Command a = c.getAnnotation(Command.class);
        return a == null ? Set.of() : Set.copyOf(concat(a.name(), a.aliases()));
    }

    private static List<String> concat(String name, String[] aliases) {
        String[] all = new String[aliases.length + 1];
        all[0] = name;
        System.arraycopy(aliases, 0, all, 1, aliases.length);
        return List.of(all);
    }

    /** {@code c} itself (picocli instantiates it), or for a parent with a branch list, only the branch named next. */
    private static Object instance(Class<?> c, String[] args, int from) {
        if (c == KbCommand.class) {
            CommandLine kb = new CommandLine(new KbCommand());
            addSubcommands(kb, KbCommand.SUBCOMMANDS, args, from);
            return kb;
        }
        return c;
    }
}
