package dev.fieldshell.kb.signature;

import java.util.List;

/**
 * A crash's signature.
 *
 * @param text             the readable signature, {@code LoadProhibited | mg_send | mg_mgr_poll}; conventions in
 *                         the README next to the rule files
 * @param addressSignature the coarse signature for unsymbolized crashes: build, head and the top addresses,
 *                         {@code 3.3.005-615-gd132bfe0 | LoadProhibited | 0x401339f2 0x401695dd …}; empty without addresses
 * @param decisions        what was done with each frame and why (for {@code --explain})
 */
public record Signature(String text, String addressSignature, List<Decision> decisions) {

    /** What stands between a signature's parts: {@code head | frame | frame}. */
    public static final String SEPARATOR = " | ";

    /**
     * True for a signature that is a head alone: the crash kind or exception, with the task it names when
     * it names one ({@code LoadProhibited}, {@code abort()}, {@code interrupt watchdog},
     * {@code stack overflow (Tmr Svc)}, {@code task watchdog (IDLE0, IDLE1)}). It says only what kind of
     * crash it was: every crash of that kind has it. Any other part follows a {@code |} (a heap
     * problem, a frame), so a head alone is a signature without one, whatever its parentheses.
     */
    public static boolean frameless(String text) {
        return text.indexOf('|') < 0;
    }

    public Signature {
        text = text == null ? "" : text;
        addressSignature = addressSignature == null ? "" : addressSignature;
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }

    /** True when at least one frame of the signature came from a symbol, not only the crash kind. */
    public boolean symbolic() {
        return decisions.stream().anyMatch(d -> d.action() == Decision.Action.KEPT || d.action() == Decision.Action.PREFIX);
    }

    /** The frame names in the signature, in order (the text without its head). */
    public List<String> frames() {
        return decisions.stream()
                .filter(d -> d.action() == Decision.Action.KEPT || d.action() == Decision.Action.PREFIX)
                .map(Decision::normalized)
                .toList();
    }
}
