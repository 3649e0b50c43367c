package dev.fieldshell.shell.sim.module;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * The module's file systems in host directories: {@code /store} and {@code /sd}, both FAT-like
 * (names match case-insensitively, names with {@code "*:<>?\|} cannot be created). Nothing can
 * reach outside the two directories: {@code ..} stops at the volume root as on FAT, other roots do
 * not exist, and symbolic links are never followed.
 */
public final class Vfs {
    public static final String PROTECTED = "/store/ovms_config";
    private static final String FAT_FORBIDDEN = "\"*:<>?\\|";

    private final Path store;
    private final Path sd;

    public Vfs(Path store, Path sd) {
        this.store = store.toAbsolutePath().normalize();
        this.sd = sd.toAbsolutePath().normalize();
    }

    public Path storeDir() {
        return store;
    }

    public Path sdDir() {
        return sd;
    }

    /**
     * The normalized module path ({@code /store/a/b}) of {@code path}, or empty when it names no
     * mounted volume (relative paths, {@code /etc}, ...).
     */
    public static Optional<String> normalize(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        Deque<String> parts = new ArrayDeque<>();
        String mount = null;
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (mount == null) {
                if (!part.equals("store") && !part.equals("sd")) {
                    return Optional.empty();
                }
                mount = part;
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast(); // FAT: the root's ".." is the root itself
            } else {
                parts.addLast(part);
            }
        }
        if (mount == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("/").append(mount);
        for (String p : parts) {
            sb.append('/').append(p);
        }
        return Optional.of(sb.toString());
    }

    /** Whether the path lies in the protected config directory ({@code OvmsConfig::ProtectedPath}). */
    public static boolean isProtected(String path) {
        Optional<String> n = normalize(path);
        if (n.isEmpty()) {
            return false;
        }
        String p = n.get().toLowerCase(Locale.ROOT);
        return p.equals(PROTECTED) || p.startsWith(PROTECTED + "/");
    }

    /** The host file for a module path, or empty when it is outside the volumes or crosses a symbolic link. */
    public Optional<Path> resolve(String path) {
        Optional<String> n = normalize(path);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = n.get().substring(1).split("/");
        Path cur = parts[0].equals("store") ? store : sd;
        // One lstat per part; below a part that is not there (in any case) nothing is, so no more look-ups.
        boolean missing = false;
        for (int i = 1; i < parts.length; i++) {
            Path next = cur.resolve(parts[i]);
            if (!missing) {
                BasicFileAttributes a = attributes(next);
                if (a == null) {
                    Optional<Path> other = findIgnoringCase(cur, parts[i]);
                    if (other.isPresent()) {
                        next = other.get();
                        a = attributes(next);
                    } else {
                        missing = true;
                    }
                }
                if (a != null && a.isSymbolicLink()) {
                    return Optional.empty();
                }
            }
            cur = next;
        }
        return Optional.of(cur);
    }

    /** The file's own attributes (a link is not followed), or null when there is none: one lstat. */
    public static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a file of this name may be created on FAT. */
    public static boolean validName(Path host) {
        Path name = host.getFileName();
        if (name == null) {
            return false;
        }
        String s = name.toString();
        if (s.length() > 255 || s.endsWith(" ")) {
            return false;
        }
        for (char c : s.toCharArray()) {
            if (c < 32 || FAT_FORBIDDEN.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** The module path of a host file inside a volume. */
    public String modulePath(Path host) {
        Path abs = host.toAbsolutePath().normalize();
        if (abs.startsWith(store)) {
            return join("/store", store.relativize(abs));
        }
        return join("/sd", sd.relativize(abs));
    }

    private static String join(String mount, Path rel) {
        String r = rel.toString().replace('\\', '/');
        return r.isEmpty() ? mount : mount + "/" + r;
    }

    /** A name in {@code dir} equal to {@code name} but for case (FAT); empty also when {@code dir} is no directory. */
    private static Optional<Path> findIgnoringCase(Path dir, String name) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().equalsIgnoreCase(name)) {
                    return Optional.of(p);
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
