package dev.fieldshell.kb.source;

/** What an input is, decided from its content. */
public enum InputFormat {
    /** mbox, HyperKitty mbox export, or pipermail monthly text. */
    MBOX,
    /** One RFC 5322 message without an mbox separator ({@code .eml}). */
    SINGLE_MAIL,
    /** GitHub REST issues: a JSON array of issue objects, or one issue object. */
    GITHUB_JSON,
    /** Curated Markdown note with YAML front matter. */
    NOTE,
    /** Crash text or DebugCrash export. */
    CRASH_LOG,
    BINARY,
    UNKNOWN
}
