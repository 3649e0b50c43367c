package dev.fieldshell.shell.ovms;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The undo journal: one directory per module under {@code $XDG_STATE_HOME/fieldshell/undo/}, one
 * JSON file per applied plan, replaced atomically on every change so a crash never leaves half a
 * record.
 */
public final class UndoJournal {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Path root;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** {@code root} is the journal directory itself (normally {@code UserDirs.undo()}). */
    public UndoJournal(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The directory name for a target: its name with anything but letters, digits and {@code .@-} made {@code _}. */
    public static String moduleKey(String target) {
        return target.replaceAll("[^A-Za-z0-9.@-]", "_");
    }

    public static String newId(Instant now) {
        return ID_TIME.format(now) + "-" + SEQ.incrementAndGet();
    }

    public Path file(JournalEntry e) {
        return root.resolve(moduleKey(e.target())).resolve(e.id() + ".json");
    }

    public void save(JournalEntry e) {
        Path f = file(e);
        try {
            Files.createDirectories(f.getParent());
            Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), e);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the undo journal " + f + ": " + ex.getMessage(), ex);
        }
    }

    /** All entries of one module, oldest first. A damaged file is reported by name, not skipped silently. */
    public List<JournalEntry> entries(String target) {
        Path dir = root.resolve(moduleKey(target));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<JournalEntry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted(Comparator.comparing(Path::getFileName)).toList()) {
                try {
                    out.add(json.readValue(f.toFile(), JournalEntry.class));
                } catch (IOException ex) {
                    throw new UncheckedIOException("undo journal " + f + " is damaged: " + ex.getMessage(), ex);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.sort(Comparator.comparing(JournalEntry::id, UndoJournal::compareIds));
        return out;
    }

    /** The modules that have journal entries (as directory keys). */
    public List<String> modules() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The newest change that undo would take back: an APPLY entry not yet undone, in any state. */
    public Optional<JournalEntry> latestUndoable(String target) {
        List<JournalEntry> all = entries(target);
        for (int i = all.size() - 1; i >= 0; i--) {
            JournalEntry e = all.get(i);
            if (e.kind() == JournalEntry.Kind.APPLY && e.state() != JournalEntry.State.UNDONE) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The newest entry left with steps not done (interrupted or failed), if it is the newest change. */
    public Optional<JournalEntry> latestUnfinished(String target) {
        return latestUndoable(target).filter(e -> !e.complete());
    }

    private static int compareIds(String a, String b) {
        // ids are <time>-<sequence>; compare the time, then the sequence numerically.
        int c = a.substring(0, Math.min(a.length(), 19)).compareTo(b.substring(0, Math.min(b.length(), 19)));
        if (c != 0) {
            return c;
        }
        return Long.compare(seq(a), seq(b));
    }

    private static long seq(String id) {
        try {
            return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
