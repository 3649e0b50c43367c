package dev.fieldshell.shell.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A prompter with fixed answers that remembers what it was asked. */
final class RecordingPrompter implements Prompter {
    final List<String> questions = new ArrayList<>();
    final List<String> infos = new ArrayList<>();
    final List<String> secretPrompts = new ArrayList<>();
    private final boolean yes;
    private final String secret;

    RecordingPrompter(boolean yes, String secret) {
        this.yes = yes;
        this.secret = secret;
    }

    @Override
    public boolean confirm(String question) {
        questions.add(question);
        return yes;
    }

    @Override
    public Optional<String> secret(String prompt) {
        secretPrompts.add(prompt);
        return Optional.ofNullable(secret);
    }

    @Override
    public void info(String line) {
        infos.add(line);
    }
}
