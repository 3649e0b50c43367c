package dev.fieldshell.shell.ovms;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads files, listings and config from a module with its own commands; never changes anything. */
public final class ModuleReader {

    private static final Pattern STAT = Pattern.compile("File (.*) size is (\\d+) and digest ([0-9a-fA-F]{32})\\s*");

    /** The answer to a secure command on a console that is not (reference §1.4). */
    private static final String NOT_SECURE = "Error: Secure command requires 'enable' mode";

    private final ModuleLink link;

    public ModuleReader(ModuleLink link) {
        this.link = link;
    }

    /** What {@code vfs stat} says about a file: its size and MD5, or empty when it is absent. */
    public record Stat(long size, String md5) {}

    public Optional<Stat> stat(String path) throws LinkException {
        String out = run("vfs stat", path);
        Matcher m = STAT.matcher(out.strip());
        if (m.matches()) {
            return Optional.of(new Stat(Long.parseLong(m.group(2)), m.group(3).toLowerCase()));
        }
        if (Action.Expect.isErrorLine(out.strip()) || out.isBlank()) {
            return Optional.empty();
        }
        throw new LinkException(link.target() + ": unexpected answer to 'vfs stat " + path + "': " + firstLine(out));
    }

    /** The file as {@code vfs cat} prints it (the link strips {@code \r}). */
    public String cat(String path) throws LinkException {
        return run("vfs cat", path);
    }

    /** The file's state: absent, or content plus digest, {@code exact} when the two agree. */
    public FileState read(String path) throws LinkException {
        Optional<Stat> st = stat(path);
        if (st.isEmpty()) {
            return FileState.ABSENT;
        }
        String content = cat(path);
        String md5 = st.get().md5();
        return new FileState(true, content, md5, FileState.md5(content).equals(md5));
    }

    public Map<String, FileState> read(Iterable<String> paths) throws LinkException {
        Map<String, FileState> out = new LinkedHashMap<>();
        for (String p : paths) {
            out.put(p, read(p));
        }
        return out;
    }

    public List<VfsEntry> ls(String dir) throws LinkException {
        return VfsEntry.parseListing(run("vfs ls", dir));
    }

    /**
     * Which of {@code dirs} do not exist, in the given order. Each distinct parent is listed once
     * ({@code vfs ls} prints nothing for a missing path, reference §4); a directory under an
     * absent one is absent without asking. The volumes {@code /store} and {@code /sd} always exist.
     */
    public List<String> absentDirs(List<String> dirs) throws LinkException {
        Map<String, List<VfsEntry>> listings = new LinkedHashMap<>();
        java.util.Set<String> absent = new java.util.LinkedHashSet<>();
        for (String d : dirs.stream().sorted(java.util.Comparator.comparingInt(VfsPath::depth)).toList()) {
            String parent = VfsPath.parent(d);
            boolean exists;
            if (VfsPath.depth(d) < 2) {
                exists = true;
            } else if (absent.contains(parent)) {
                exists = false;
            } else {
                if (!listings.containsKey(parent)) {
                    listings.put(parent, ls(parent));
                }
                exists = listings.get(parent).stream().anyMatch(e -> e.directory() && e.name().equals(VfsPath.name(d)));
            }
            if (!exists) {
                absent.add(d);
            }
        }
        return dirs.stream().filter(absent::contains).toList();
    }

    /** A config value, or empty when the instance (or the param) does not exist. */
    public Optional<String> config(ConfigKey key) throws LinkException {
        String out = run("config list", key.param());
        String prefix = "  " + key.instance() + ": ";
        for (String line : out.split("\n")) {
            if (line.startsWith(prefix)) {
                return Optional.of(line.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private String run(String words, String arg) throws LinkException {
        String line = switch (Quoting.line(words, arg)) {
            case Quoting.Line.Ok ok -> ok.line();
            case Quoting.Line.Refused r -> throw new LinkException("cannot ask the module: " + r.reason());
        };
        String out = link.run(line).output();
        if (firstLine(out).equals(NOT_SECURE)) {
            // Not an absent file or an empty listing: a plan or lint built on this answer would be wrong.
            throw new LinkException(link.target() + ": the console is not secure, so the module's files, config and firmware version"
                    + " cannot be read ('" + words + "' needs secure mode); type 'enable' on it and run again");
        }
        return out;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }
}
