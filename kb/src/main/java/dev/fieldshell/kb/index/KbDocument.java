package dev.fieldshell.kb.index;

import dev.fieldshell.kb.crash.CrashReport;
import java.util.List;

/**
 * One document of the knowledge base: a mail, a GitHub issue, a curated note or a crash record.
 * Ids follow PRODUCT.md: mail = Message-ID without angle brackets, issue = {@code owner/repo#N},
 * note = {@code note:<file name without extension>}, crash record = {@code crash:<source file name>#<n>}.
 *
 * @param id         stable id (re-importing the same input yields the same id and content)
 * @param type       what it is
 * @param title      subject, issue title or note title
 * @param url        where a person can read it; empty when unknown
 * @param date       ISO-8601 date or date-time; empty when unknown
 * @param author     who wrote it; empty when unknown
 * @param text       the document's own text (quotes of what the KB holds removed; a quote of a message
 *                   it lacks is kept, marked {@code > })
 * @param crashes    crashes found in its own text, and quoted crashes no other document reported
 * @param quotedFrom ids of documents whose crash text this one quotes (not counted as new reports)
 * @param threadId   the thread (mail thread root id, or the issue's own id)
 * @param references ids this document replies to or links (In-Reply-To, References, linked issues)
 * @param signatures crash signatures it is about (from its crashes, or declared by a note)
 * @param components components it names (e.g. {@code mongoose}, {@code console}, {@code esp_crt_bundle})
 * @param status     {@code open}, {@code closed}, {@code fixed}, or empty
 * @param fixedIn    firmware version or commit that fixed it; empty when unknown
 * @param cause      the diagnosis in a sentence or paragraph (notes; or found in the text); empty if none
 * @param fix        what fixed or works around it; empty if none
 * @param links      further URLs
 * @param tags       free labels: {@code pull-request}, GitHub label names ({@code Type: Bug}), note tags
 */
public record KbDocument(
        String id,
        DocType type,
        String title,
        String url,
        String date,
        String author,
        String text,
        List<CrashReport> crashes,
        List<String> quotedFrom,
        String threadId,
        List<String> references,
        List<String> signatures,
        List<String> components,
        String status,
        String fixedIn,
        String cause,
        String fix,
        List<String> links,
        List<String> tags) {

    /** The original eighteen-field form, without tags. */
    public KbDocument(String id, DocType type, String title, String url, String date, String author, String text,
            List<CrashReport> crashes, List<String> quotedFrom, String threadId, List<String> references,
            List<String> signatures, List<String> components, String status, String fixedIn, String cause, String fix,
            List<String> links) {
        this(id, type, title, url, date, author, text, crashes, quotedFrom, threadId, references, signatures, components,
                status, fixedIn, cause, fix, links, List.of());
    }

    public KbDocument {
        title = nz(title);
        url = nz(url);
        date = nz(date);
        author = nz(author);
        text = nz(text);
        crashes = crashes == null ? List.of() : List.copyOf(crashes);
        quotedFrom = quotedFrom == null ? List.of() : List.copyOf(quotedFrom);
        threadId = nz(threadId);
        references = references == null ? List.of() : List.copyOf(references);
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
        components = components == null ? List.of() : List.copyOf(components);
        status = nz(status);
        fixedIn = nz(fixedIn);
        cause = nz(cause);
        fix = nz(fix);
        links = links == null ? List.of() : List.copyOf(links);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
