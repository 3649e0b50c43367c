package dev.fieldshell.shell.cli;

import dev.fieldshell.shell.macro.MacroWorkflow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The workflow's voice on the command line: lines to stdout, questions answered from stdin (EOF = no). */
final class CliUi implements MacroWorkflow.Ui {

    private final PrintWriter out;
    private BufferedReader stdin;

    CliUi(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void println(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public boolean confirm(String question) {
        out.print(question + " [y/N] ");
        out.flush();
        try {
            String answer = reader().readLine();
            if (answer == null) {
                out.println();
                out.println("(no answer on standard input; use --yes to apply without asking)");
                out.flush();
                return false;
            }
            return answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes");
        } catch (IOException e) {
            return false;
        }
    }

    private synchronized BufferedReader reader() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(CliEnvironment.stdin(), StandardCharsets.UTF_8));
        }
        return stdin;
    }
}
