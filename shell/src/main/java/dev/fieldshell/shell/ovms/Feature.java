package dev.fieldshell.shell.ovms;

import java.util.List;

/**
 * A firmware capability and the first version that has it. {@code command} holds the command
 * words that exist only from then on (empty for features that are not a command, such as a config
 * key or an event).
 */
public record Feature(String id, FirmwareVersion since, List<String> command, String description) {

    /** Whether a tokenized command line invokes this feature's command (whole words, as typed). */
    public boolean invokedBy(List<String> tokens) {
        return !command.isEmpty() && tokens.size() >= command.size() && tokens.subList(0, command.size()).equals(command);
    }
}
