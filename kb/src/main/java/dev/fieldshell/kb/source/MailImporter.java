package dev.fieldshell.kb.source;

import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports mbox, HyperKitty mbox exports and pipermail monthly text archives: one document per mail,
 * id = Message-ID without angle brackets, own text split from quotes, crashes parsed from the own
 * text, crashes in quoted text linked to the mail they first appeared in ({@code quotedFrom}), and
 * threads from {@code References} / {@code In-Reply-To}, else from the normalized subject. A mail
 * whose parent is not in the archive keeps what it quotes (marked {@code > }), and a quoted crash no
 * earlier mail reported is its own: the quote is the only copy of that report and of its words.
 *
 * <p>An instance remembers threads and crash origins across the files of one import run, so a reply
 * in next month's archive still finds its thread and its quoted crash's origin.
 */
public final class MailImporter {
    /** One reply/forward marker or list tag at the start of a subject; stripped repeatedly by {@link #stripSubjectPrefixes}. */
    private static final Pattern SUBJECT_PREFIX = Pattern.compile(
            "^\\s*(?:\\[[^\\]]{1,40}\\]|(?:re|aw|fwd?|wg|sv|antw|r)\\s{0,3}(?:\\[\\d{1,4}\\])?\\s{0,3}:)\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_TAG = Pattern.compile("\\[([A-Za-z0-9_-]{1,40})\\]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern PIPERMAIL_FROM = Pattern.compile("^(\\S+) at (\\S+)\\s*(?:\\((.*)\\))?\\s*$");
    private static final Pattern NAME_ADDR = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]*)>\\s*$");
    private static final Pattern ADDR_NAME = Pattern.compile("^\\s*(\\S+@\\S+)\\s*\\((.*)\\)\\s*$");
    private static final Pattern ANGLE_BRACKETS = Pattern.compile("^<|>$");
    private static final int MAX_REMEMBERED = 200_000;

    private final ImportLimits limits;
    /** How many mails and crash origins it remembers; past that it forgets, so memory stays bounded. */
    private final int remembered;
    private final Map<String, String> threadBySubject = new HashMap<>();
    private final Map<String, String> threadByMessage = new HashMap<>();
    private final Map<String, String> crashOrigin = new HashMap<>();
    private final QuotedCrashes quotedCrashes = new QuotedCrashes();

    public MailImporter(ImportLimits limits) {
        this(limits, MAX_REMEMBERED);
    }

    MailImporter(ImportLimits limits, int remembered) {
        this.limits = limits;
        this.remembered = remembered;
    }

    /** Reads an mbox or pipermail archive from {@code in} (already decompressed). */
    public void read(InputStream in, String file, ImportSink sink) throws IOException {
        MboxReader reader = new MboxReader(new LineReader(in, limits.maxLineBytes()), limits, file, sink::problem);
        try {
            reader.read(raw -> {
                try {
                    KbDocument d = toDocument(raw, file);
                    sink.document(d);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (RuntimeException e) {
                    sink.problem(ImportProblem.rejected(file, raw.offset(), "message skipped: " + e));
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    KbDocument toDocument(RawMail raw, String file) {
        MailHeaders h = MailHeaders.parse(raw.headerLines());
        String subject = h.get("subject").strip();
        List<String> msgIds = h.ids("message-id");
        String id = msgIds.isEmpty() ? syntheticId(raw) : msgIds.get(0);
        String date = MailDates.iso(h.get("date"));
        if (date.isEmpty()) {
            date = MailDates.iso(raw.fromLine().substring(5));
        }
        MailBody body = QuoteSplitter.split(MimeText.text(h, raw.body()));

        List<String> inReplyTo = h.ids("in-reply-to");
        List<String> refs = h.ids("references");
        Set<String> references = new LinkedHashSet<>(inReplyTo);
        references.addAll(refs);
        references.remove(id);
        String parent = !inReplyTo.isEmpty() ? inReplyTo.get(0) : refs.isEmpty() ? "" : refs.get(refs.size() - 1);

        boolean parentSeen = !parent.isEmpty() && threadByMessage.containsKey(parent);
        // Once its memory is full the importer cannot tell a parent the archive lacks from one it forgot (a
        // large archive), so it then takes every quote as answered, as for a parent it knows.
        boolean forgetsNothing = threadByMessage.size() < remembered && crashOrigin.size() < remembered;
        String threadId = thread(id, subject, refs, parent);
        // The mail it answers is in the archive: by its headers, or (without them) by an earlier mail of the
        // same subject. Otherwise what it quotes is the only copy the KB will have.
        boolean originInArchive = !forgetsNothing || (parent.isEmpty() ? !threadId.equals(id) : parentSeen);

        List<CrashReport> crashes = new ArrayList<>(CrashExtraction.crashes(body.own()));
        Set<String> quotedFrom = new LinkedHashSet<>();
        List<String> unknownQuoted = new ArrayList<>();
        for (String quotedFingerprint : quotedCrashes.fingerprints(body.quoted())) {
            String origin = crashOrigin.get(quotedFingerprint);
            if (origin != null && !origin.equals(id)) {
                quotedFrom.add(origin);
            } else if (origin == null && originInArchive) {
                if (!parent.isEmpty()) {
                    quotedFrom.add(parent);
                }
            } else if (origin == null) {
                unknownQuoted.add(quotedFingerprint);
            }
        }
        String text = body.own();
        if (!originInArchive && !body.quoted().isBlank()) {
            // A quoted crash whose report is not in the archive is this mail's crash, and the quoted words
            // (often the diagnosis being answered) are kept, marked as a quote.
            for (CrashReport c : CrashExtraction.crashes(body.quoted())) {
                if (unknownQuoted.contains(CrashExtraction.fingerprint(c))) {
                    crashes.add(c);
                }
            }
            text = QuoteSplitter.requote(body.own(), body.quoted());
        }
        for (CrashReport c : crashes) {
            String fp = CrashExtraction.fingerprint(c);
            if (!fp.isEmpty() && crashOrigin.size() < remembered) {
                crashOrigin.putIfAbsent(fp, id);
            }
        }
        references.addAll(IssueLinks.issueIds(text, "", ""));
        List<String> links = new ArrayList<>(IssueLinks.urls(text));
        links.addAll(body.attachments());

        String title = stripSubjectPrefixes(subject);
        StringBuilder componentText = new StringBuilder(subject).append('\n').append(text);
        crashes.forEach(c -> c.frames().forEach(f -> componentText.append('\n').append(f.function())));
        return new KbDocument(id, DocType.MAIL, title.isEmpty() ? subject : title, url(h, id, subject), date, author(h.get("from")),
                text, crashes, List.copyOf(quotedFrom), threadId, List.copyOf(references),
                CrashExtraction.signatures(crashes), ComponentTagger.components(componentText.toString()), "", "", "", "",
                List.copyOf(new LinkedHashSet<>(links)), List.of());
    }

    private String thread(String id, String subject, List<String> refs, String parent) {
        String thread;
        if (!refs.isEmpty()) {
            thread = threadByMessage.getOrDefault(refs.get(0), refs.get(0));
        } else if (!parent.isEmpty()) {
            thread = threadByMessage.getOrDefault(parent, parent);
        } else {
            String key = normalizedSubject(subject);
            thread = key.isEmpty() ? id : threadBySubject.getOrDefault(key, id);
        }
        if (threadByMessage.size() < remembered) {
            threadByMessage.put(id, thread);
            String key = normalizedSubject(subject);
            if (!key.isEmpty()) {
                threadBySubject.putIfAbsent(key, thread);
            }
        }
        return thread;
    }

    /** {@code Re: AW: [Ovmsdev] Heap  corruption} → {@code heap corruption}. */
    static String normalizedSubject(String subject) {
        return WHITESPACE.matcher(stripSubjectPrefixes(subject).strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** {@code Re: AW: [Ovmsdev] x} → {@code x}; a loop over single matches, so no regex recursion on long chains. */
    static String stripSubjectPrefixes(String subject) {
        Matcher m = SUBJECT_PREFIX.matcher(subject);
        int pos = 0;
        while (pos < subject.length()) {
            m.region(pos, subject.length());
            if (!m.lookingAt() || m.end() == pos) {
                break;
            }
            pos = m.end();
        }
        return subject.substring(pos);
    }

    static String author(String from) {
        Matcher m = PIPERMAIL_FROM.matcher(from);
        if (m.matches()) {
            return m.group(3) != null && !m.group(3).isBlank() ? m.group(3).strip() : m.group(1) + " at " + m.group(2);
        }
        m = NAME_ADDR.matcher(from);
        if (m.matches()) {
            return m.group(1).isBlank() ? m.group(2) : m.group(1).strip();
        }
        m = ADDR_NAME.matcher(from);
        if (m.matches()) {
            return m.group(2).strip();
        }
        return from.strip();
    }

    /** Archived-At when the archive says it; for the ovmsdev list the HyperKitty message URL; else "". */
    static String url(MailHeaders h, String id, String subject) {
        String archived = ANGLE_BRACKETS.matcher(h.get("archived-at")).replaceAll("").strip();
        if (!archived.isEmpty()) {
            return archived;
        }
        Matcher tag = LIST_TAG.matcher(subject);
        String listId = h.get("list-id").toLowerCase(Locale.ROOT);
        if ((tag.find() && tag.group(1).equalsIgnoreCase("ovmsdev")) || listId.contains("ovmsdev")) {
            return "https://lists.openvehicles.com/archives/list/ovmsdev@lists.openvehicles.com/message/"
                    + Base32.encode(sha1(id)) + "/";
        }
        return "";
    }

    private static String syntheticId(RawMail raw) {
        return "mail-" + HexFormat.of().formatHex(sha1(raw.fromLine() + "\n" + String.join("\n", raw.headerLines()))).substring(0, 24);
    }

    static byte[] sha1(String s) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
