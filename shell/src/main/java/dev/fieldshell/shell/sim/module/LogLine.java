package dev.fieldshell.shell.sim.module;

/** One ESP-IDF log message: level letter, milliseconds since boot, tag and text. */
public record LogLine(char level, long millis, String tag, String text) {

    /** {@code I (123) tag: text}, inner CR/LF as {@code |} (OvmsCommandApp::LogBuffer). */
    public String plain() {
        return level + " (" + millis + ") " + tag + ": " + text.replace("\r\n", "|").replace('\r', '|').replace('\n', '|');
    }

    /** The line as a console shows it with CONFIG_LOG_COLORS: E red, W yellow, I green, D/V plain. */
    public String colored() {
        String color = switch (level) {
            case 'E' -> "\033[0;31m";
            case 'W' -> "\033[0;33m";
            case 'I' -> "\033[0;32m";
            default -> "";
        };
        return color.isEmpty() ? plain() : color + plain() + "\033[0m";
    }
}
