package dev.fieldshell.kb.source;

/**
 * Something wrong with an input, located by file and byte offset.
 *
 * @param file     the input as the user named it
 * @param offset   byte offset where the problem starts (in the decompressed stream for {@code .gz},
 *                 unless {@code message} says otherwise); -1 when it concerns the whole file
 * @param message  what was wrong and what was done about it
 * @param rejected true when data was skipped; false for a warning where everything was still imported
 */
public record ImportProblem(String file, long offset, String message, boolean rejected) {
    /** One line: {@code archive.txt.gz: byte 1234: truncated gzip stream; kept the 12 messages before it}. */
    public String line() {
        return file + (offset >= 0 ? ": byte " + offset : "") + ": " + message;
    }

    public static ImportProblem rejected(String file, long offset, String message) {
        return new ImportProblem(file, offset, message, true);
    }

    public static ImportProblem warning(String file, long offset, String message) {
        return new ImportProblem(file, offset, message, false);
    }
}
