package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.explain.Explanation;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KbHit;
import dev.fieldshell.kb.index.KbSchema;
import dev.fieldshell.kb.index.KnowledgeBase;
import dev.fieldshell.kb.symbols.BuildKey;
import dev.fieldshell.kb.symbols.ElfIdentity;
import dev.fieldshell.kb.symbols.LearnedSymbols;
import dev.fieldshell.kb.symbols.SymbolStore;
import dev.fieldshell.kb.symbols.SymbolTable;
import dev.fieldshell.kb.symbols.Symbolizer;
import dev.fieldshell.kb.symbols.SymbolsException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;

/**
 * Text in, suggestions out: parse the crashes, name raw frames (an ELF or map given by the user,
 * else the symbol store for the crash's build, else what decoded reports of that build in the KB
 * teach), warn when an ELF does not match the crash, then rank. Shared by {@code kb suggest},
 * the REPL and {@code kb eval}, so all three answer alike.
 */
public final class SuggestSession {

    /** How the crash parser, signatures and explanations of the {@code crash}/{@code signature}/{@code explain} packages plug in. */
    public record Analysis(Function<String, List<CrashReport>> parser, FrameFilter classifier,
            Function<CrashReport, String> signer, Function<CrashReport, List<Explanation>> explainer) {

        /** The {@code look for} words of the explanations of a crash: what a report of its cause would say. */
        List<String> causeTerms(CrashReport c) {
            List<String> out = new ArrayList<>();
            explainer.apply(c).forEach(e -> out.addAll(e.lookFor()));
            return out;
        }
    }

    private final KnowledgeBase kb;
    private final Analysis analysis;
    private final Suggester suggester;
    private static final int MAX_LEARNED_BUILDS = 256;
    private final Map<String, Optional<SymbolTable>> learnedByBuild = new java.util.HashMap<>();
    private IndexReader learnedFrom;

    public SuggestSession(KnowledgeBase kb, Analysis analysis) {
        this.kb = kb;
        this.analysis = analysis;
        this.suggester = new Suggester(kb, analysis.classifier(), analysis.signer(), analysis::causeTerms);
    }

    /** The suggestions, the crashes they were computed for, and notes about symbolization. */
    public record Outcome(List<CrashReport> crashes, SuggestResult result) {}

    public Outcome suggest(String text, SymbolSources sources, int top) throws IOException {
        List<CrashReport> crashes = analysis.parser().apply(text);
        List<String> notes = new ArrayList<>();
        List<CrashReport> named = new ArrayList<>();
        for (CrashReport c : crashes) {
            named.add(symbolize(c, sources, notes));
        }
        SuggestResult r;
        if (named.isEmpty()) {
            // No crash: the words alone may still find something, but say what happened.
            SuggestQuery q = suggester.query(List.of(), text);
            r = suggester.suggest(q, top);
            notes.add(0, "no crash found in the input; searched its words only");
        } else {
            r = suggester.suggest(named, text, top);
        }
        List<String> explanations = new ArrayList<>();
        if (!named.isEmpty()) {
            analysis.explainer().apply(primary(named)).forEach(e -> explanations.add(e.sentence()));
        }
        return new Outcome(named, r.withContext(explanations, notes));
    }

    /** Suggestions for a heap-trace caller chain (innermost first). */
    public SuggestResult suggestChain(List<Frame> chain, int top) throws IOException {
        return suggester.suggest(SuggestQuery.ofChain(chain, analysis.classifier()), top);
    }

    private static CrashReport primary(List<CrashReport> crashes) {
        return crashes.stream().max(java.util.Comparator.comparingInt(c -> c.frames().size())).orElseThrow();
    }

    CrashReport symbolize(CrashReport c, SymbolSources sources, List<String> notes) throws IOException {
        boolean raw = c.frames().stream().anyMatch(f -> !f.hasFunction() && f.address() != 0);
        if (sources.elf().isPresent()) {
            notes.addAll(ElfIdentity.check(c, sources.elf().get()));
        }
        if (!raw) {
            return c;
        }
        List<SymbolTable> tables = new ArrayList<>();
        sources.elf().ifPresent(e -> tables.add(e.functions()));
        sources.map().ifPresent(tables::add);
        String build = BuildKey.of(c.firmwareVersion());
        if (!build.isEmpty() && sources.store().isPresent()) {
            try {
                Optional<SymbolStore.StoredSymbols> stored = sources.store().get().forVersion(c.firmwareVersion());
                if (stored.isPresent()) {
                    tables.add(stored.get().table());
                    stored.get().elfs().forEach(e -> notes.addAll(ElfIdentity.check(c, e)));
                }
            } catch (SymbolsException e) {
                notes.add("symbol store: " + e.getMessage());
            }
        }
        if (!build.isEmpty()) {
            learned(build).ifPresent(tables::add);
        }
        if (tables.isEmpty()) {
            return c;
        }
        Symbolizer.Result r = Symbolizer.symbolize(c, SymbolTable.chain(tables));
        if (r.named() > 0) {
            notes.add("named " + r.named() + " of " + (r.named() + r.unnamed()) + " raw frames from " + r.origin());
        }
        return r.report();
    }

    /**
     * Names learned from {@code build}, remembered per build while the KB's content is the same:
     * learning reads up to 200 documents and their threads, most of a warm query's time, and a
     * maintainer's crashes come from a handful of builds. A new reader (an ingest) starts over.
     */
    private synchronized Optional<SymbolTable> learned(String build) throws IOException {
        IndexReader current = kb.searcher().getIndexReader();
        if (current != learnedFrom || learnedByBuild.size() >= MAX_LEARNED_BUILDS) {
            learnedByBuild.clear();
            learnedFrom = current;
        }
        Optional<SymbolTable> t = learnedByBuild.get(build);
        if (t == null) {
            t = learnFromKb(build);
            learnedByBuild.put(build, t);
        }
        return t;
    }

    /** Names learned from decoded reports of {@code build} in the KB: its documents and their threads. */
    private Optional<SymbolTable> learnFromKb(String build) throws IOException {
        List<KbHit> hits = kb.search(new TermQuery(new Term(KbSchema.VERSION, build)), 200);
        if (hits.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<CrashReport>> groups = new LinkedHashMap<>();
        for (KbHit h : hits) {
            KbDocument d = h.document();
            String group = d.threadId().isEmpty() ? d.id() : d.threadId();
            groups.computeIfAbsent(group, g -> new ArrayList<>()).addAll(d.crashes());
            if (!d.threadId().isEmpty() && groups.get(group).size() == d.crashes().size()) {
                for (KbHit m : kb.search(new TermQuery(new Term(KbSchema.THREAD, d.threadId())), 50)) {
                    if (!m.id().equals(d.id())) {
                        groups.get(group).addAll(m.document().crashes());
                    }
                }
            }
        }
        return LearnedSymbols.learn(groups.values()).forVersion(build);
    }
}
