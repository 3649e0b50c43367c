package dev.fieldshell.shell.ovms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A module file as read before a change: absent, or its content with the module's own MD5
 * ({@code vfs stat}). {@code exact} says the content read by {@code vfs cat} has that digest, so
 * restoring it restores the file byte for byte; when it is false (a {@code \r} the console hides,
 * bytes that are not UTF-8) undo leaves the file alone rather than write something else.
 */
public record FileState(boolean exists, String content, String md5, boolean exact) {

    public static final FileState ABSENT = new FileState(false, "", "", true);

    public static FileState of(String content) {
        return new FileState(true, content, md5(content), true);
    }

    public Optional<String> asOptional() {
        return exists ? Optional.of(content) : Optional.empty();
    }

    /** MD5 of the UTF-8 bytes, as {@code vfs stat} prints it (32 lowercase hex digits). */
    public static String md5(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
