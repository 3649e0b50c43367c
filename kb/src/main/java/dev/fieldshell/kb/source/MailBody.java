package dev.fieldshell.kb.source;

import java.util.List;

/**
 * A mail body split into the writer's own text and what it quotes.
 *
 * @param own          the writer's own lines (inline replies kept in order), without footer and signature
 * @param quoted       the quoted lines with their {@code >} markers removed, blocks separated by blank lines
 * @param attributions the attribution lines that introduced quotes ({@code Am … schrieb X:}), normalized
 * @param attachments  URLs of attachments the archive scrubbed
 */
record MailBody(String own, String quoted, List<String> attributions, List<String> attachments) {}
