package dev.fieldshell.shell.cli;

/**
 * A subcommand whose options are not known to picocli (a macro's own {@code --param value}):
 * {@link FieldshellCommand#commandLine()} passes its unknown options through as positional words.
 */
interface FreeOptions {}
