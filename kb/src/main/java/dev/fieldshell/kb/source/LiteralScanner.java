package dev.fieldshell.kb.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Every occurrence of a fixed set of literals in a text, overlapping ones included, found in one pass over the text
 * (an Aho–Corasick automaton with its failure links resolved into a full transition table). Built once from rule
 * data; scanning allocates nothing. Case-sensitive: callers that want case-insensitive matching lower-case both sides.
 */
final class LiteralScanner {
    /** Receives the occurrences in order of their end; returns {@code true} to stop the scan. */
    @FunctionalInterface
    interface Hits {
        boolean found(int literal, int start);
    }

    private final int[] lengths;
    /** Class of each ASCII character: 0 for one that occurs in no literal, else 1 + its index in the alphabet. */
    private final int[] asciiClass = new int[128];
    /** The non-ASCII characters of the literals, sorted; their class is 1 + ASCII count + index. */
    private final char[] otherChars;
    private final int asciiCount;
    private final int width;
    /** {@code next[state * width + class]}; class 0 (a character in no literal) always leads back to the root. */
    private final int[] next;
    /** Literals that end in each state (its own and those of its failure chain), or {@code null}. */
    private final int[][] ends;

    LiteralScanner(List<String> literals) {
        lengths = new int[literals.size()];
        TreeSet<Character> alphabet = new TreeSet<>();
        for (int i = 0; i < literals.size(); i++) {
            String l = literals.get(i);
            if (l.isEmpty()) {
                throw new IllegalArgumentException("empty literal at " + i);
            }
            lengths[i] = l.length();
            l.chars().forEach(c -> alphabet.add((char) c));
        }
        int ascii = 0;
        StringBuilder other = new StringBuilder();
        for (char c : alphabet) {
            if (c < 128) {
                asciiClass[c] = 1 + ascii++;
            } else {
                other.append(c);
            }
        }
        asciiCount = ascii;
        otherChars = other.toString().toCharArray();
        width = 1 + ascii + otherChars.length;

        // The trie: goto[state][class], -1 where absent.
        List<int[]> go = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        go.add(absent());
        out.add(new ArrayList<>());
        for (int i = 0; i < literals.size(); i++) {
            int s = 0;
            for (char c : literals.get(i).toCharArray()) {
                int k = classOf(c);
                if (go.get(s)[k] < 0) {
                    go.get(s)[k] = go.size();
                    go.add(absent());
                    out.add(new ArrayList<>());
                }
                s = go.get(s)[k];
            }
            out.get(s).add(i);
        }
        // Breadth first: each state's failure state is complete before its children need it.
        int states = go.size();
        next = new int[states * width];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 1; k < width; k++) {
            int child = go.get(0)[k];
            next[k] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int k = 1; k < width; k++) {
                int child = go.get(s)[k];
                if (child < 0) {
                    next[s * width + k] = next[fail[s] * width + k];
                } else {
                    next[s * width + k] = child;
                    fail[child] = next[fail[s] * width + k];
                    queue.add(child);
                }
            }
        }
        ends = new int[states][];
        for (int s = 0; s < states; s++) {
            if (!out.get(s).isEmpty()) {
                ends[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    private int[] absent() {
        int[] a = new int[width];
        Arrays.fill(a, -1);
        return a;
    }

    private int classOf(char c) {
        if (c < 128) {
            return asciiClass[c];
        }
        int i = Arrays.binarySearch(otherChars, c);
        return i < 0 ? 0 : 1 + asciiCount + i;
    }

    /** Reports each occurrence of a literal in {@code text} (literal index, start offset) until {@code hits} says stop. */
    void scan(String text, Hits hits) {
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int k = c < 128 ? asciiClass[c] : classOf(c);
            state = k == 0 ? 0 : next[state * width + k];
            int[] found = ends[state];
            if (found != null) {
                for (int literal : found) {
                    if (hits.found(literal, i + 1 - lengths[literal])) {
                        return;
                    }
                }
            }
        }
    }
}
