package dev.fieldshell.shell.cli;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

/**
 * A terminal type's capabilities as JLine resolved them (from its built-in descriptions or from
 * {@code infocmp}), in a form that reads back without JLine's parser: one line per capability,
 * named by JLine's own enum constants.
 */
record TerminalCapabilities(Set<Capability> bools, Map<Capability, Integer> ints, Map<Capability, String> strings) {

    private static final String HEADER = "fieldshell terminal capabilities\t";

    TerminalCapabilities {
        bools = Set.copyOf(bools);
        ints = Map.copyOf(ints);
        strings = Map.copyOf(strings);
    }

    /** What {@code terminal} knows about itself. */
    static TerminalCapabilities of(Terminal terminal) {
        Set<Capability> bools = EnumSet.noneOf(Capability.class);
        Map<Capability, Integer> ints = new EnumMap<>(Capability.class);
        Map<Capability, String> strings = new EnumMap<>(Capability.class);
        for (Capability c : Capability.values()) {
            if (terminal.getBooleanCapability(c)) {
                bools.add(c);
            }
            Integer n = terminal.getNumericCapability(c);
            if (n != null) {
                ints.put(c, n);
            }
            String s = terminal.getStringCapability(c);
            if (s != null) {
                strings.put(c, s);
            }
        }
        return new TerminalCapabilities(bools, ints, strings);
    }

    /** The text {@link #parse} reads; {@code origin} names what resolved them (JLine's jar). */
    String format(String origin) {
        StringBuilder sb = new StringBuilder(HEADER).append(origin).append('\n');
        bools.stream().sorted().forEach(c -> sb.append("b\t").append(c.name()).append('\n'));
        ints.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("n\t").append(e.getKey().name()).append('\t').append(e.getValue()).append('\n'));
        strings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append("s\t").append(e.getKey().name()).append('\t').append(e.getValue()).append('\n'));
        return sb.toString();
    }

    /** Reads what {@link #format} wrote for the same {@code origin}; empty when anything does not fit. */
    static Optional<TerminalCapabilities> parse(String text, String origin) {
        if (!text.startsWith(HEADER + origin + "\n")) {
            return Optional.empty();
        }
        Set<Capability> bools = EnumSet.noneOf(Capability.class);
        Map<Capability, Integer> ints = new EnumMap<>(Capability.class);
        Map<Capability, String> strings = new EnumMap<>(Capability.class);
        try {
            for (String line : text.substring(HEADER.length() + origin.length() + 1).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", 3);
                Capability c = Capability.valueOf(f[1]);
                switch (f[0]) {
                    case "b" -> bools.add(c);
                    case "n" -> ints.put(c, Integer.valueOf(f[2]));
                    case "s" -> strings.put(c, f[2]);
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty(); // a capability this JLine does not know, a cut-off line: ask JLine again
        }
        return bools.isEmpty() && ints.isEmpty() && strings.isEmpty()
                ? Optional.empty()
                : Optional.of(new TerminalCapabilities(bools, ints, strings));
    }
}
