package dev.fieldshell.kb.source;

/**
 * One line of an input.
 *
 * @param text        the line without its terminator
 * @param offset      byte offset of its first byte
 * @param cutAt       -1, or the byte length after which an over-long line was cut
 * @param invalidUtf8 -1, or the offset of the first byte that was not UTF-8 (the line was then read as Latin-1)
 */
record Line(String text, long offset, long cutAt, long invalidUtf8) {}
