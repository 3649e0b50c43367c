package dev.fieldshell.shell.ovms;

import dev.fieldshell.kb.data.DataFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which firmware has which feature (console reference §10), read from the data file
 * {@code firmware-features.tsv} so that a maintainer adds a row, not code.
 */
public final class FeatureTable {

    public static final String VFS_ECHO = "vfs.echo";

    private static volatile FeatureTable bundled;

    private final List<Feature> features;

    public FeatureTable(List<Feature> features) {
        this.features = List.copyOf(features);
    }

    /** The table shipped with fieldshell. */
    public static FeatureTable bundled() {
        FeatureTable t = bundled;
        if (t == null) {
            t = read(DataFile.bundled(FeatureTable.class, "firmware-features.tsv"));
            bundled = t;
        }
        return t;
    }

    /** Parses rows {@code id<TAB>since<TAB>command words or -<TAB>description}; {@code #} starts a comment. */
    public static FeatureTable parse(String text, String name) {
        return read(DataFile.of(name, text));
    }

    private static FeatureTable read(DataFile file) {
        List<Feature> out = new ArrayList<>();
        for (DataFile.Line line : file.lines()) {
            String[] f = line.text().split("\t+");
            if (f.length < 4) {
                throw new IllegalArgumentException(line.where() + ": expected 4 tab-separated fields, found " + f.length);
            }
            FirmwareVersion since = FirmwareVersion.parse(f[1])
                    .orElseThrow(() -> new IllegalArgumentException(line.where() + ": bad version '" + f[1] + "'"));
            List<String> command = f[2].equals("-") ? List.of() : List.of(f[2].split(" +"));
            out.add(new Feature(f[0], since, command, f[3]));
        }
        return new FeatureTable(out);
    }

    public List<Feature> features() {
        return features;
    }

    public Optional<Feature> feature(String id) {
        return features.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** Whether {@code firmware} has feature {@code id}; unknown ids are an error in the caller's data. */
    public boolean has(FirmwareVersion firmware, String id) {
        Feature f = feature(id).orElseThrow(() -> new IllegalArgumentException("no feature '" + id + "' in the firmware table"));
        return firmware.atLeast(f.since());
    }

    /**
     * The feature a command line needs that {@code firmware} lacks, if any. The most specific
     * (longest) matching command wins, so {@code module check alert} is judged by its own row.
     */
    public Optional<Feature> missingFor(FirmwareVersion firmware, List<String> tokens) {
        return features.stream()
                .filter(f -> f.invokedBy(tokens))
                .max((a, b) -> Integer.compare(a.command().size(), b.command().size()))
                .filter(f -> !firmware.atLeast(f.since()));
    }
}
