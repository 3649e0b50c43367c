package dev.fieldshell.shell.cli;

import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.source.StarterNotes;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --kb DIR} option shared by the kb commands, and opening the KB it names: by default
 * {@code $XDG_DATA_HOME/fieldshell/kb} (else {@code ~/.local/share/fieldshell/kb}). A user's KB gets
 * the starter notes shipped with fieldshell on first use, and again whenever the shipped notes change.
 */
final class KbDirOption {
    @Option(names = "--kb", paramLabel = "DIR", description = "Knowledge-base directory (default: $XDG_DATA_HOME/fieldshell/kb).")
    Path dir;

    Path directory() {
        return dir != null ? dir : KnowledgeBase.defaultDirectory();
    }

    /** Opens the KB, seeding the starter notes when they are missing or outdated and nobody else is writing. */
    KnowledgeBase open() throws IOException {
        KnowledgeBase kb = KnowledgeBase.open(directory());
        try {
            StarterNotes.seed(kb, false);
        } catch (dev.fieldshell.kb.index.KbLockedException e) {
            // another fieldshell is ingesting: reading still works, the notes come next time
        }
        return kb;
    }
}
