package dev.fieldshell.kb.crash;

import java.util.Optional;

/**
 * The lines the Arduino "EspExceptionDecoder" prints around the frames it decodes (crash-formats.md
 * §2.3): {@code Exception 28: LoadProhibited: A load referenced …} (only when the input named the
 * exception, as ESP8266 output does), {@code PC: 0x…: f at file line N} and {@code EXCVADDR: 0x…}
 * (each decoded when gdb could name it), then {@code Decoding stack results} and one decoded frame a
 * line. Pure; parsed by hand.
 */
final class ExceptionDecoderLine {
    private ExceptionDecoderLine() {}

    /** A register the decoder printed, with its decode when it had one. */
    record Register(String name, long value, Optional<Frame> decoded) {}

    static final String STACK_HEADER = "Decoding stack results";

    /** {@code Exception 28: LoadProhibited: …} → {@code LoadProhibited}; the decoder's table has no name for "reserved" causes. */
    static Optional<String> exception(String t) {
        if (!t.startsWith("Exception ")) {
            return Optional.empty();
        }
        int i = 10;
        int digits = i;
        while (i < t.length() && i - digits < 3 && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == digits || !t.startsWith(": ", i)) {
            return Optional.empty();
        }
        String rest = t.substring(i + 2);
        int colon = rest.indexOf(':');
        String name = (colon > 0 ? rest.substring(0, colon) : rest).strip();
        if (name.isEmpty() || name.equals("reserved") || name.length() > 60 || !Character.isLetter(name.charAt(0))) {
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** {@code PC: 0x400d0f5e: loop() at sketch.ino line 20} or {@code EXCVADDR: 0x00000000}: the decoder's one-space labels. */
    static Optional<Register> register(String t) {
        String name = t.startsWith("PC: 0x") ? "PC" : t.startsWith("EXCVADDR: 0x") ? "EXCVADDR" : "";
        if (name.isEmpty()) {
            return Optional.empty();
        }
        int start = name.length() + 2;
        int end = DecodedLine.hexEnd(t, start);
        if (end < 0 || end < t.length() && !t.startsWith(": ", end)) {
            return Optional.empty();
        }
        long value = Hex.parse(t.substring(start, end));
        Optional<Frame> decoded = end < t.length()
                ? DecodedLine.parse(t.substring(start)).filter(d -> !d.inlinedBy()).map(DecodedLine.Decoded::frame)
                : Optional.empty();
        return Optional.of(new Register(name, value, decoded));
    }
}
