package dev.fieldshell.kb.signature;

/** What the signature rules say about one frame. */
public enum FrameClass {
    /** Starts the interesting part of the stack: frames above it are dropped ({@code sentinels.txt}). */
    SENTINEL,
    /** Never part of a signature: panic, abort and assert machinery, task entry, exception vectors ({@code irrelevant.txt}). */
    IRRELEVANT,
    /** An allocator frame: kept as a prefix, the caller decides ({@code prefix-allocator.txt}). */
    ALLOCATOR,
    /** A lock or queue wrapper: kept as a prefix ({@code prefix-lock.txt}). */
    LOCK,
    /** Another generic helper kept as a prefix (memcpy, strlen, std::string…) ({@code prefix.txt}). */
    PREFIX,
    /** An ordinary frame: it names the crash. */
    NORMAL
}
