package dev.fieldshell.kb.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The readable text of a MIME message body: transfer encodings undone, charsets applied, the
 * {@code text/plain} alternative preferred, HTML turned into text when it is all there is.
 * Attachments other than text are ignored.
 */
final class MimeText {
    private static final int MAX_DEPTH = 8;

    private MimeText() {}

    /** The body's text; {@code body} is the raw body as read (8-bit bytes as Latin-1 or UTF-8 characters). */
    static String text(MailHeaders headers, String body) {
        return text(headers.raw("content-type"), headers.raw("content-transfer-encoding"), body, 0);
    }

    private static String text(String contentType, String transferEncoding, String body, int depth) {
        String type = contentType.isBlank() ? "text/plain" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
            String boundary = MailHeaders.param(contentType, "boundary");
            if (!boundary.isEmpty()) {
                return multipart(type, boundary, body, depth);
            }
        }
        if (!type.startsWith("text/") && !type.equals("message/rfc822")) {
            return "";
        }
        String decoded = decode(transferEncoding, body, MailHeaders.param(contentType, "charset"));
        return type.equals("text/html") ? HtmlText.toText(decoded) : decoded;
    }

    private static String multipart(String type, String boundary, String body, int depth) {
        List<String[]> parts = new ArrayList<>(); // {content-type, transfer-encoding, body}
        String delimiter = "--" + boundary;
        String[] lines = body.split("\n", -1);
        StringBuilder current = null;
        for (String raw : lines) {
            String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (l.startsWith(delimiter)) {
                if (current != null) {
                    parts.add(part(current.toString()));
                }
                current = l.startsWith(delimiter + "--") ? null : new StringBuilder();
                continue;
            }
            if (current != null) {
                current.append(l).append('\n');
            }
        }
        if (current != null) {
            parts.add(part(current.toString()));
        }
        if (type.equals("multipart/alternative")) {
            for (String preferred : List.of("text/plain", "multipart/", "text/html")) {
                for (String[] p : parts) {
                    if (p[0].toLowerCase(Locale.ROOT).strip().startsWith(preferred) || (p[0].isBlank() && preferred.equals("text/plain"))) {
                        String t = text(p[0], p[1], p[2], depth + 1);
                        if (!t.isBlank()) {
                            return t;
                        }
                    }
                }
            }
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String[] p : parts) {
            String t = text(p[0], p[1], p[2], depth + 1);
            if (!t.isBlank()) {
                if (out.length() > 0) {
                    out.append("\n\n");
                }
                out.append(t);
            }
        }
        return out.toString();
    }

    private static String[] part(String text) {
        int sep = text.indexOf("\n\n");
        String head = sep < 0 ? text : text.substring(0, sep);
        String body = sep < 0 ? "" : text.substring(sep + 2);
        MailHeaders h = MailHeaders.parse(List.of(head.split("\n")));
        return new String[] {h.raw("content-type"), h.raw("content-transfer-encoding"), body};
    }

    private static String decode(String transferEncoding, String body, String charsetName) {
        String te = transferEncoding.strip().toLowerCase(Locale.ROOT);
        Charset cs = charsetName.isBlank() ? StandardCharsets.UTF_8 : MailHeaders.charset(charsetName);
        byte[] bytes;
        if (te.equals("base64")) {
            try {
                bytes = Base64.getMimeDecoder().decode(body.strip().getBytes(StandardCharsets.ISO_8859_1));
            } catch (IllegalArgumentException e) {
                return body;
            }
        } else if (te.equals("quoted-printable")) {
            bytes = QuotedPrintable.decode(body);
        } else {
            return body; // 7bit/8bit: already characters
        }
        String s = new String(bytes, cs);
        return s.replace("\r\n", "\n");
    }
}
