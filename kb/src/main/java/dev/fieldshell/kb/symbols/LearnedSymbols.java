package dev.fieldshell.kb.symbols;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Address → function pairs learned from decoded reports already in the KB, per firmware build. A
 * decoded frame belongs to a build when its document (or thread) names exactly one build, or when
 * its address is among the raw frames of a crash of that build in the same group: a user posts the
 * raw {@code boot status}, a developer replies with the addr2line output. The next raw backtrace of
 * the same build then gets names without any ELF. Pure.
 */
public final class LearnedSymbols {

    private final Map<String, Map<Long, String>> byBuild;

    private LearnedSymbols(Map<String, Map<Long, String>> byBuild) {
        this.byBuild = byBuild;
    }

    /**
     * @param groups crashes grouped by where they were found together (one document, or one mail thread)
     */
    public static LearnedSymbols learn(Collection<? extends Collection<CrashReport>> groups) {
        Map<String, Map<Long, String>> out = new HashMap<>();
        for (Collection<CrashReport> group : groups) {
            Set<String> builds = new HashSet<>();
            Map<Long, Set<String>> rawAddressBuilds = new HashMap<>();
            for (CrashReport r : group) {
                String key = BuildKey.of(r.firmwareVersion());
                if (key.isEmpty()) {
                    continue;
                }
                builds.add(key);
                for (Frame f : r.frames()) {
                    if (f.address() != 0) {
                        rawAddressBuilds.computeIfAbsent(f.address(), a -> new HashSet<>()).add(key);
                    }
                }
            }
            for (CrashReport r : group) {
                String own = BuildKey.of(r.firmwareVersion());
                for (Frame f : r.frames()) {
                    if (f.address() == 0 || !f.hasFunction() || f.inlined()) {
                        continue;
                    }
                    Set<String> targets = !own.isEmpty() ? Set.of(own)
                            : rawAddressBuilds.containsKey(f.address()) ? rawAddressBuilds.get(f.address())
                            : builds.size() == 1 ? builds : Set.of();
                    for (String key : targets) {
                        out.computeIfAbsent(key, k -> new HashMap<>()).putIfAbsent(f.address(), f.function());
                    }
                }
            }
        }
        return new LearnedSymbols(out);
    }

    /** The learned symbols of the build {@code firmwareVersion} names, if any were learned. */
    public Optional<SymbolTable> forVersion(String firmwareVersion) {
        String key = BuildKey.of(firmwareVersion);
        Map<Long, String> m = byBuild.get(key);
        return m == null || m.isEmpty() ? Optional.empty()
                : Optional.of(new TextSymbolMap.ExactSymbols("KB decoded reports of " + key, m));
    }

    public Set<String> builds() {
        return Set.copyOf(byBuild.keySet());
    }

    public static LearnedSymbols empty() {
        return new LearnedSymbols(Map.of());
    }

    /** Convenience for one document's crashes. */
    public static LearnedSymbols learn(List<CrashReport> oneGroup) {
        return learn(List.of(oneGroup));
    }
}
