package dev.fieldshell.kb.index;

import java.io.IOException;
import java.nio.file.Path;

/** The KB on disk was written with an index schema this fieldshell cannot write to (see {@link KbSchema#SCHEMA_VERSION}). */
public final class KbSchemaException extends IOException {
    KbSchemaException(Path dir, int onDisk) {
        super("the knowledge base at " + dir + " has index schema " + onDisk + ", newer than this fieldshell's ("
                + KbSchema.SCHEMA_VERSION + "); use the newer fieldshell, or --kb DIR for another knowledge base");
    }

    KbSchemaException(Path dir, String unreadable) {
        super("the knowledge base at " + dir + " names an unreadable index schema \"" + unreadable
                + "\"; use --kb DIR for another knowledge base");
    }
}
