package dev.fieldshell.shell.lint;

import dev.fieldshell.shell.macro.JsSyntax;
import dev.fieldshell.shell.ovms.EventNames;
import dev.fieldshell.shell.ovms.FeatureTable;

/** The linter with the bundled rules and GraalJS for {@code .js} scripts (loaded only if one is linted). */
public final class Linters {
    private Linters() {}

    public static Linter standard() {
        return new Linter(LintRules.bundled(), EventNames.bundled(), FeatureTable.bundled(), JsSyntax::check);
    }
}
