package dev.fieldshell.kb.source;

import dev.fieldshell.kb.data.DataFile;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The curated notes shipped with fieldshell ({@code /notes/*.md} on the class path, listed in
 * {@code /notes/INDEX}). A user's KB is seeded with them on first use and re-seeded whenever the shipped
 * set changes: the commit records which version was seeded, so an unchanged set costs one read of the
 * commit data. Notes the user removed with {@code kb rm} stay removed until the shipped set changes.
 * {@code kb eval} never calls this: evaluation indexes the corpus alone.
 */
public final class StarterNotes {
    static final String VERSION_KEY = "fieldshell.starter-notes.version";
    static final String IDS_KEY = "fieldshell.starter-notes.ids";

    private StarterNotes() {}

    /** File names of the shipped notes, from {@code /notes/INDEX}. */
    public static List<String> names() throws IOException {
        try (InputStream in = StarterNotes.class.getResourceAsStream("/notes/INDEX")) {
            if (in == null) {
                return List.of();
            }
            return DataFile.of("INDEX", new String(in.readAllBytes(), StandardCharsets.UTF_8)).texts();
        }
    }

    /** The shipped notes as documents. */
    public static List<KbDocument> load() throws IOException {
        List<KbDocument> out = new ArrayList<>();
        for (String name : names()) {
            out.add(NoteImporter.parse(read(name), name));
        }
        return out;
    }

    /** A digest of every shipped note's name and text. */
    public static String version() throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String name : names()) {
                md.update(name.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(read(name).getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Seeds {@code kb} when it has not seen this version of the notes (or always, with {@code force}); removes
     * notes seeded earlier that are no longer shipped. Returns true when it wrote anything.
     */
    public static boolean seed(KnowledgeBase kb, boolean force) throws IOException {
        String version = version();
        Map<String, String> data = kb.commitUserData();
        if (!force && version.equals(data.get(VERSION_KEY))) {
            return false;
        }
        List<KbDocument> notes = load();
        Set<String> ids = new LinkedHashSet<>();
        for (KbDocument n : notes) {
            kb.upsert(n);
            ids.add(n.id());
        }
        String previous = data.getOrDefault(IDS_KEY, "");
        for (String old : Arrays.asList(previous.split(","))) {
            if (!old.isBlank() && !ids.contains(old)) {
                kb.remove(old);
            }
        }
        kb.commit(Map.of(VERSION_KEY, version, IDS_KEY, String.join(",", ids)));
        return true;
    }

    private static String read(String name) throws IOException {
        try (InputStream in = StarterNotes.class.getResourceAsStream("/notes/" + name)) {
            if (in == null) {
                throw new IOException("shipped note /notes/" + name + " is listed in INDEX but missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
