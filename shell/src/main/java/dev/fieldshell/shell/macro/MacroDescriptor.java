package dev.fieldshell.shell.macro;

import java.nio.file.Path;
import java.util.List;

/**
 * A macro found on disk: its declared name, summary, mode and parameters, and its source.
 * {@code mode} is {@code plan} (changes recorded into a plan, shown, confirmed, applied, verified,
 * undoable) or {@code collect} (reads and commands run live; results saved locally).
 */
public record MacroDescriptor(String name, String summary, Mode mode, List<MacroParam> params, Path file, String source) {

    public enum Mode { PLAN, COLLECT }
}
