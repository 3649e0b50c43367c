package dev.fieldshell.shell.sim.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of the module's command tree ({@code OvmsCommand}): dispatch by exact name or unique
 * prefix, usage lines, {@code ?} listings and the secure-mode check, as reference §3.2 describes.
 */
public final class CommandNode {

    /** What a command does; output goes through {@link Call#console()}. */
    @FunctionalInterface
    public interface Handler {
        void run(Call call) throws InterruptedException;
    }

    /** One execution of a command: the console it runs on and its arguments (after the command's own name). */
    public record Call(Console console, CommandNode node, List<String> args) {
        public void print(String text) {
            console.print(text);
        }

        public void puts(String line) {
            console.print(line + "\n");
        }

        public String arg(int i) {
            return args.get(i);
        }

        public int argc() {
            return args.size();
        }
    }

    private final CommandNode parent;
    private final String name;
    private final String title;
    private final Handler execute;
    private final String usageTemplate;
    private final int min;
    private final int max;
    private final boolean secure;
    // std::map ordering: strcmp, which for the ASCII names used here equals String.compareTo.
    private final Map<String, CommandNode> children = new TreeMap<>();

    private CommandNode(CommandNode parent, String name, String title, Handler execute, String usage, int min, int max, boolean secure) {
        this.parent = parent;
        this.name = name;
        this.title = title;
        this.execute = execute;
        this.usageTemplate = usage == null ? "" : usage;
        this.min = min;
        this.max = max;
        this.secure = secure;
    }

    /** The root of a command tree. */
    public static CommandNode root() {
        return new CommandNode(null, "", "", null, "", 0, 0, false);
    }

    /** Registers a command; like {@code RegisterCommand(name, title, execute, usage, min, max, secure)}. */
    public CommandNode add(String name, String title, Handler execute, String usage, int min, int max, boolean secure) {
        CommandNode child = new CommandNode(this, name, title, execute, usage, min, max, secure);
        children.put(name, child);
        return child;
    }

    /** Registers a secure node that only groups subcommands. */
    public CommandNode add(String name, String title) {
        return add(name, title, null, "", 0, 0, true);
    }

    public String name() {
        return name;
    }

    public String title() {
        return title;
    }

    public boolean secure() {
        return secure;
    }

    public CommandNode child(String name) {
        return children.get(name);
    }

    public Collection<CommandNode> children() {
        return children.values();
    }

    public String fullName() {
        if (parent == null) {
            return "";
        }
        String p = parent.fullName();
        return p.isEmpty() ? name : p + " " + name;
    }

    /** Exact name wins, otherwise a unique prefix ({@code FindUniquePrefix}); null when unknown or ambiguous. */
    public CommandNode findUniquePrefix(String token) {
        CommandNode exact = children.get(token);
        if (exact != null) {
            return exact;
        }
        CommandNode found = null;
        for (CommandNode c : children.values()) {
            if (c.name.startsWith(token)) {
                if (found != null) {
                    return null;
                }
                found = c;
            }
        }
        return found;
    }

    /** Children a console in the given mode may see. */
    public List<CommandNode> visibleChildren(boolean secureConsole) {
        List<CommandNode> out = new ArrayList<>();
        for (CommandNode c : children.values()) {
            if (secureConsole || !c.secure) {
                out.add(c);
            }
        }
        return out;
    }

    /** Runs this node with the tokens after its own name, as {@code OvmsCommand::Execute}. */
    public void execute(Console console, List<String> args) throws InterruptedException {
        int argc = args.size();
        if (execute != null && (children.isEmpty() || argc == 0)) {
            if (argc < min || argc > max || (argc > 0 && args.get(argc - 1).equals("?"))) {
                putUsage(console);
                return;
            }
            if (secure && !console.secure()) {
                console.print("Error: Secure command requires 'enable' mode\n");
                return;
            }
            execute.run(new Call(console, this, List.copyOf(args)));
            return;
        }
        if (argc == 0) {
            console.print("Subcommand required\n");
            putUsage(console);
            return;
        }
        if (args.get(0).equals("?")) {
            if (parent != null && console.host().usageOnQuery() && (usageTemplate.isEmpty() || execute != null)) {
                putUsage(console);
            }
            List<CommandNode> visible = visibleChildren(console.secure());
            if (visible.isEmpty()) {
                console.print("All subcommands require 'enable' mode\n");
            }
            for (CommandNode c : visible) {
                console.print(String.format("%-20.20s %s\n", c.name, c.title));
            }
            return;
        }
        CommandNode cmd = findUniquePrefix(args.get(0));
        if (cmd == null) {
            console.print("Unrecognised command\n");
            if (parent != null) {
                putUsage(console);
            }
            return;
        }
        cmd.execute(console, args.subList(1, argc));
    }

    /** {@code Usage: <full name> <template>}, or the enable hint when every subcommand is secure. */
    public void putUsage(Console console) {
        if (!children.isEmpty() && !console.secure() && visibleChildren(false).isEmpty()) {
            console.print("All subcommands require 'enable' mode\n");
            return;
        }
        console.print("Usage: " + fullName() + " " + expandUsage(console.secure()) + "\n");
    }

    private String expandUsage(boolean secureConsole) {
        String template = usageTemplate.isEmpty() ? "$C" : usageTemplate;
        if (!template.contains("$C")) {
            return template;
        }
        StringBuilder names = new StringBuilder();
        for (CommandNode c : visibleChildren(secureConsole)) {
            if (!names.isEmpty()) {
                names.append('|');
            }
            names.append(c.name);
        }
        String list = execute != null && !names.isEmpty() ? "[" + names + "]" : names.toString();
        return template.replace("$C", list);
    }
}
