package dev.fieldshell.shell.link;

import java.time.Duration;

/** What one command printed, as the module printed it (without echo, prompt or {@code \r}). */
public record CommandResult(String target, String command, String output, Duration elapsed) {}
