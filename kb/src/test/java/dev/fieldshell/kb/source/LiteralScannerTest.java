package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiteralScannerTest {
    /** Occurrences as "literal@start", in the order the scanner reports them. */
    private static List<String> hits(List<String> literals, String text) {
        List<String> out = new ArrayList<>();
        new LiteralScanner(literals).scan(text, (literal, start) -> out.add(literals.get(literal) + "@" + start) && false);
        return out;
    }

    /** What {@code indexOf} finds, literal by literal, overlaps included (the tagger's old way), sorted as the scanner reports. */
    private static List<String> reference(List<String> literals, String text) {
        List<int[]> found = new ArrayList<>(); // end, literal, start
        for (int l = 0; l < literals.size(); l++) {
            String lit = literals.get(l);
            for (int at = text.indexOf(lit); at >= 0; at = text.indexOf(lit, at + 1)) {
                found.add(new int[] {at + lit.length(), -lit.length(), l, at});
            }
        }
        // By end; at one end the longer literal first (its state is reached first, then its failure chain), then by index.
        found.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]));
        return found.stream().map(f -> literals.get(f[2]) + "@" + f[3]).toList();
    }

    @Test
    void findsOverlappingAndNestedLiterals() {
        List<String> lits = List.of("he", "she", "his", "hers");
        assertThat(hits(lits, "ushers")).containsExactly("she@1", "he@2", "hers@2");
        assertThat(hits(List.of("aa", "a"), "aaa")).containsExactly("a@0", "aa@0", "a@1", "aa@1", "a@2");
        assertThat(hits(List.of("mg_", "mg_send"), "x mg_send")).containsExactly("mg_@2", "mg_send@2");
    }

    @Test
    void isCaseSensitiveAndResetsOnCharactersInNoLiteral() {
        assertThat(hits(List.of("wifi"), "WiFi wifi wi-fi wifwifi")).containsExactly("wifi@5", "wifi@19");
        assertThat(hits(List.of("ab"), "a\u00e9b ab")).containsExactly("ab@4");
    }

    @Test
    void handlesNonAsciiLiteralsAndEdges() {
        assertThat(hits(List.of("über", "ber"), "Drüber über")).containsExactly("über@2", "ber@3", "über@7", "ber@8");
        assertThat(hits(List.of("abc"), "")).isEmpty();
        assertThat(hits(List.of("abc"), "abc")).containsExactly("abc@0");
        assertThat(hits(List.of("x", "x"), "x")).as("the same literal twice (two rules) is reported for each").containsExactly("x@0", "x@0");
        assertThatThrownBy(() -> new LiteralScanner(List.of("a", ""))).hasMessageContaining("empty literal at 1");
    }

    @Test
    void stopsWhenTold() {
        List<Integer> seen = new ArrayList<>();
        new LiteralScanner(List.of("a")).scan("aaaa", (l, at) -> seen.add(at) && at == 1);
        assertThat(seen).containsExactly(0, 1);
    }

    /** On random texts over a small alphabet (many overlaps), the scanner finds exactly what indexOf finds. */
    @Test
    void agreesWithIndexOfOnRandomText() {
        Random r = new Random(5);
        String alphabet = "abc_-.é ";
        for (int round = 0; round < 2_000; round++) {
            List<String> lits = new ArrayList<>();
            for (int k = 1 + r.nextInt(6); k > 0; k--) {
                lits.add(random(r, alphabet, 1 + r.nextInt(4)));
            }
            String text = random(r, alphabet, r.nextInt(80));
            assertThat(hits(lits, text)).as(lits + " in " + text).isEqualTo(reference(lits, text));
        }
    }

    private static String random(Random r, String alphabet, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
