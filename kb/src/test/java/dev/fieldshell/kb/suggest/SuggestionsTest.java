package dev.fieldshell.kb.suggest;

import static dev.fieldshell.kb.suggest.Docs.crash;
import static dev.fieldshell.kb.suggest.Docs.issue;
import static dev.fieldshell.kb.suggest.Docs.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    static final FrameFilter PLUMBING = f -> f.startsWith("panic_") || f.equals("abort") || f.startsWith("esp_system_abort")
            || f.startsWith("vPortTaskWrapper") || f.startsWith("heap_caps_");

    final CrashReport query = crash("LoadProhibited", "panic_abort", "mg_send", "mg_mgr_poll", "OvmsNetManager::Poll(unsigned int)",
            "vPortTaskWrapper");

    final KbDocument mongooseRoot = mail("m1@x", "m1@x", "Crash in mg_send",
            "My module crashes, see below.", crash("LoadProhibited", "mg_send", "mg_mgr_poll", "OvmsNetManager::Poll(unsigned int)"));
    final KbDocument mongooseReply = mail("m2@x", "m1@x", "Re: Crash in mg_send",
            "Thanks.\n\nThe crash is caused by calling mg_send from another task: Mongoose is not thread safe, "
                    + "every mg_* call must hold the netmanager mutex.\n\nRegards");
    final KbDocument console = issue("o/r#5", "Console crash", "Crash in OvmsConsole::Poll after log output.", "open",
            crash("LoadProhibited", "OvmsConsole::Poll(unsigned int, void*)", "vPortTaskWrapper"));
    final KbDocument deepOnly = issue("o/r#9", "Network manager restart", "Stack shows OvmsNetManager::Poll deep down.", "closed",
            crash("StoreProhibited", "memcpy", "foo_bar", "baz_qux", "OvmsNetManager::Poll(unsigned int)"));

    SuggestResult rank(List<KbDocument> docs, int top, double threshold) {
        SuggestQuery q = SuggestQuery.of(List.of(query), query.rawText(), PLUMBING, c -> "");
        return Suggestions.rank(q, docs, TermWeights.uniform(), PLUMBING, c -> "", top, threshold);
    }

    @Test
    void topFramesInOrderOutrankAMatchDeepInTheStackAndTheThreadIsOneCauseWithItsReplyAsDiagnosis() {
        SuggestResult r = rank(List.of(deepOnly, console, mongooseReply, mongooseRoot), 5, 0.0);

        Suggestion first = r.suggestions().get(0);
        assertThat(first.documents()).extracting(Suggestion.DocumentRef::id).containsExactlyInAnyOrder("m1@x", "m2@x");
        assertThat(first.matchedFrames()).containsExactly("mg_send", "mg_mgr_poll", "OvmsNetManager::Poll");
        assertThat(first.diagnosis()).startsWith("The crash is caused by calling mg_send from another task");
        assertThat(first.diagnosisFrom()).isEqualTo("m2@x");
        assertThat(first.links()).contains("https://example.invalid/m1@x");
        assertThat(r.suggestions().get(1).documents().get(0).id()).isEqualTo("o/r#9");
        assertThat(r.frames()).containsExactly("mg_send", "mg_mgr_poll", "OvmsNetManager::Poll");
        assertThat(r.skipped()).containsExactly("panic_abort", "vPortTaskWrapper");
    }

    @Test
    void saysNothingIsCloseInsteadOfPadding() {
        SuggestResult r = rank(List.of(console), 5, Suggestions.THRESHOLD);
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.nothingClose()).isTrue();
        assertThat(r.message()).startsWith("nothing in the KB is close to this crash (best candidate 0.");
    }

    @Test
    void aNoteNamingTheSignatureJoinsTheCauseAndGivesCauseFixAndStatus() {
        KbDocument note = new KbDocument("note:mongoose-threads", DocType.NOTE, "Mongoose is not thread safe", "", "", "",
                "mg_send crashes when called outside the network task.", List.of(), List.of(), "", List.of(),
                List.of("LoadProhibited | mg_send | *"), List.of("mongoose"), "", "3.3.005",
                "Mongoose API used from several tasks at once.", "Serialize calls with the API-level lock (PR #1322).", List.of());
        KbDocument withSig = new KbDocument("o/r#120", DocType.ISSUE, "mbuf assert", "https://github.com/o/r/issues/120", "", "", "",
                List.of(crash("LoadProhibited", "mg_send", "mg_mgr_poll")), List.of(), "o/r#120", List.of(),
                List.of("LoadProhibited | mg_send | mg_mgr_poll"), List.of(), "closed", "", "", "", List.of());
        SuggestQuery q = SuggestQuery.of(List.of(query), "", PLUMBING, c -> "LoadProhibited | mg_send | mg_mgr_poll");
        SuggestResult r = Suggestions.rank(q, List.of(withSig, note), TermWeights.uniform(), PLUMBING, c -> "", 5, 0.0);

        Suggestion s = r.suggestions().get(0);
        assertThat(s.documents()).extracting(Suggestion.DocumentRef::id).containsExactlyInAnyOrder("note:mongoose-threads", "o/r#120");
        assertThat(s.title()).isEqualTo("Mongoose is not thread safe");
        assertThat(s.signatureMatch()).isTrue();
        assertThat(s.diagnosis()).isEqualTo("Mongoose API used from several tasks at once.");
        assertThat(s.fix()).startsWith("Serialize calls");
        assertThat(s.status()).isEqualTo("fixed in 3.3.005");
        assertThat(r.suggestions()).hasSize(1);
    }

    @Test
    void nothingCloseWithoutAnExceptionNamesTheWordsTheCandidatesShareInstead() {
        // decoded frames only (no exception); the one candidate shares nothing but "abort", which every abort prints
        CrashReport decodedOnly = crash("", "zz_never_seen_handler");
        SuggestQuery q = SuggestQuery.of(List.of(decodedOnly), "then abort", PLUMBING, c -> "");
        KbDocument d = issue("o/r#3", "Reboots", "The module hit abort and restarted.", "open");
        SuggestResult r = Suggestions.rank(q, List.of(d), TermWeights.uniform(), PLUMBING, c -> "", 5, 0.0);
        assertThat(r.suggestions()).isEmpty();
        assertThat(r.message()).doesNotContain("its exception").doesNotContain(", :")
                .isEqualTo("nothing in the KB is close to this crash (the best candidates share only words every such crash "
                        + "prints, abort: no frame, signature, crash fact or other word)");
    }

    @Test
    void aSignatureOfAHeadAloneIsNoSignatureMatchEvenWithParentheses() {
        // abort(), a task in parentheses, an exception: each is every crash of its kind (signature.frameless)
        for (String head : List.of("abort()", "stack overflow (Tmr Svc)", "task watchdog (IDLE0, IDLE1)", "LoadProhibited")) {
            KbDocument same = new KbDocument("o/r#" + head.length(), DocType.ISSUE, "crash", "", "", "", "", List.of(), List.of(),
                    "", List.of(), List.of(head), List.of(), "closed", "", "", "", List.of());
            SuggestQuery q = SuggestQuery.of(List.of(query), "", PLUMBING, c -> head);
            Ranking.Scored s = Ranking.score(q, DocumentView.of(same, PLUMBING, c -> ""), TermWeights.uniform(), 0);
            assertThat(s.signatureMatch()).as(head).isFalse();
        }
        // a head and a frame is a signature proper
        KbDocument framed = new KbDocument("o/r#1", DocType.ISSUE, "crash", "", "", "", "", List.of(), List.of(), "", List.of(),
                List.of("abort() | mg_send"), List.of(), "closed", "", "", "", List.of());
        SuggestQuery q = SuggestQuery.of(List.of(query), "", PLUMBING, c -> "abort() | mg_send");
        assertThat(Ranking.score(q, DocumentView.of(framed, PLUMBING, c -> ""), TermWeights.uniform(), 0).signatureMatch()).isTrue();
    }

    @Test
    void theReportersOwnNeverSeenFunctionsAroundAKnownCauseWeighHalf() {
        CrashReport own = crash("LoadProhibited", "zz_my_handler", "zz_my_dispatch", "mg_send", "mg_mgr_poll");
        SuggestQuery q = SuggestQuery.of(List.of(own), "", PLUMBING, c -> "");
        // document frequencies as the KB would give them: the reporter's functions are in no document
        TermWeights kbWeights = new TermWeights(java.util.Map.of("mg_send", 2L, "mg_mgr_poll", 2L, "loadprohibited", 3L), 20);
        KbDocument unrelated = issue("o/r#77", "Unrelated crash", "Something else entirely.", "open", crash("LoadProhibited", "foo_bar"));
        SuggestResult r = Suggestions.rank(q, List.of(mongooseRoot, unrelated), kbWeights, PLUMBING, c -> "", 5, 0.0);

        Suggestion first = r.suggestions().get(0);
        assertThat(first.documents().get(0).id()).isEqualTo("m1@x");
        assertThat(first.matchedFrames()).containsExactly("mg_send", "mg_mgr_poll");
        double known = Ranking.unseen("mg_send", q.frames(), kbWeights);
        double unseen = Ranking.unseen("zz_my_handler", q.frames(), kbWeights);
        assertThat(known).isEqualTo(1.0);
        assertThat(unseen).isEqualTo(RankingRules.bundled().unseenFrame()).isLessThan(1.0);
        // when the KB knows none of the functions, they keep their full weight: that crash is far from everything
        SuggestQuery alien = SuggestQuery.of(List.of(crash("LoadProhibited", "zz_a", "zz_b")), "", PLUMBING, c -> "");
        assertThat(Ranking.unseen("zz_a", alien.frames(), kbWeights)).isEqualTo(1.0);
        assertThat(first.score()).isGreaterThan(Suggestions.THRESHOLD);
    }

    @Test
    void aHeapTraceChainIsAQueryToo() {
        KbDocument leak = issue("espressif/esp-idf#18550", "esp_crt_bundle leaks on every TLS handshake",
                "The fragments allocated in esp_crt_copy_asn1 are never freed.", "open",
                crash("", "esp_crt_copy_asn1", "esp_crt_ca_cb_callback", "x509_crt_verify_chain"));
        SuggestQuery q = SuggestQuery.ofChain(List.of(dev.fieldshell.kb.crash.Frame.named(0, "heap_caps_malloc_default"),
                dev.fieldshell.kb.crash.Frame.named(0, "esp_crt_copy_asn1"), dev.fieldshell.kb.crash.Frame.named(0, "esp_crt_ca_cb_callback")), PLUMBING);
        SuggestResult r = Suggestions.rank(q, List.of(console, leak), TermWeights.uniform(), PLUMBING, c -> "", 5, Suggestions.THRESHOLD);
        assertThat(r.suggestions()).hasSize(1);
        assertThat(r.suggestions().get(0).documents().get(0).id()).isEqualTo("espressif/esp-idf#18550");
        assertThat(r.suggestions().get(0).status()).isEqualTo("open");
        assertThat(r.skipped()).containsExactly("heap_caps_malloc_default");
    }
}
