package dev.fieldshell.kb.suggest;

/**
 * One frame of a query, as compared: {@code key} is the lower-case short function name
 * ({@code ovmsconsole::poll}), or the hex address ({@code 0x4015d82a}) of a frame without a name;
 * {@code shortName} keeps the case ({@code OvmsConsole::Poll}); {@code depth} its place among the
 * relevant frames, 0 = innermost.
 */
public record QueryFrame(String key, String shortName, String function, long address, int depth) {
    public boolean named() {
        return !function.isEmpty();
    }
}
