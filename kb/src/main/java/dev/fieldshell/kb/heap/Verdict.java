package dev.fieldshell.kb.heap;

/** What the analysis concludes about one caller chain. */
public enum Verdict {
    /** Blocks stay allocated and keep coming: a leak unless the code keeps them on purpose. */
    LIKELY_LEAK("likely leak"),
    /** Blocks that are, or will be, freed: not a leak. */
    TRANSIENT("transient"),
    /** Not enough evidence either way. */
    UNKNOWN("unknown");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
