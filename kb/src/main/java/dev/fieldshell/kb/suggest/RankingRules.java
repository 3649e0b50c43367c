package dev.fieldshell.kb.suggest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The weights and thresholds of {@link Ranking} and {@link Suggestions}, read from
 * {@code ranking.properties} (data, explained line by line in that folder's README.md).
 */
public record RankingRules(double alignment, double coverage, double retrieval, double signature, double exception,
        double build, double framelessSignature, double kind, double kindInText, double task, double heap, double cause, double unseenFrame,
        double frameInTitle, double otherTaskOverflow, double minEvidence, double threshold) {

    private static final RankingRules BUNDLED = load();

    public static RankingRules bundled() {
        return BUNDLED;
    }

    private static RankingRules load() {
        Properties p = new Properties();
        try (InputStream in = RankingRules.class.getResourceAsStream("ranking.properties")) {
            if (in == null) {
                throw new IllegalStateException("ranking.properties missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RankingRules(num(p, "weight.alignment"), num(p, "weight.coverage"), num(p, "weight.retrieval"),
                num(p, "weight.signature"), num(p, "weight.exception"), num(p, "weight.build"), num(p, "signature.frameless"),
                num(p, "weight.kind"), num(p, "kind.inText"),
                num(p, "weight.task"), num(p, "weight.heap"), num(p, "weight.cause"), num(p, "frame.unseen"), num(p, "frame.inTitle"),
                num(p, "overflow.otherTask"), num(p, "coverage.minEvidence"), num(p, "threshold"));
    }

    private static double num(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException("ranking.properties: " + key + " missing");
        }
        return Double.parseDouble(v.strip());
    }
}
