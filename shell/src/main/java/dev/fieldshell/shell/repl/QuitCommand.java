package dev.fieldshell.shell.repl;

import java.util.List;

/** {@code :quit}: closes every link and leaves (Ctrl-D does the same). */
final class QuitCommand implements LocalCommand {

    @Override
    public String name() {
        return "quit";
    }

    @Override
    public String summary() {
        return "Close all links and leave (Ctrl-D does the same)";
    }

    @Override
    public String usage() {
        return ":quit";
    }

    @Override
    public void run(List<String> args, ReplContext context) {
        Session.of(context).requestQuit();
    }
}
