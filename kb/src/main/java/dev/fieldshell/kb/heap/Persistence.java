package dev.fieldshell.kb.heap;

/** How a chain behaves across the windows analysed together. */
public enum Persistence {
    /** Only one window was analysed. */
    SINGLE_WINDOW("single window"),
    /** In every window, at a similar or higher rate. */
    PERSISTS("persists"),
    /** In every window, with more live blocks per minute in later windows. */
    GROWS("grows"),
    /** Absent from the first window, present in a later one. */
    APPEARS("appears"),
    /** Present in an earlier window, absent from the last. */
    VANISHES("vanishes"),
    /** Present in some windows with gaps between. */
    INTERMITTENT("intermittent");

    private final String label;

    Persistence(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
