package dev.fieldshell.kb.source;

import java.util.List;

/**
 * One message as split from an mbox or pipermail archive, before interpretation.
 *
 * @param offset      byte offset of its {@code From } separator line
 * @param fromLine    the separator line
 * @param headerLines header lines as read (folded)
 * @param body        the raw body
 * @param truncated   the message exceeded the size limit and its body was cut
 */
record RawMail(long offset, String fromLine, List<String> headerLines, String body, boolean truncated) {}
