package dev.fieldshell.shell.sim.commands;

import dev.fieldshell.shell.sim.console.CommandNode;
import dev.fieldshell.shell.sim.console.CommandNode.Call;
import dev.fieldshell.shell.sim.console.Console;
import dev.fieldshell.shell.sim.module.ModuleCore;
import dev.fieldshell.shell.sim.module.Vfs;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The {@code vfs} commands (reference §4), on the module's {@link Vfs}. */
final class VfsCommands {
    private static final DateTimeFormatter LS_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm", Locale.ENGLISH);
    private static final long STORE_KB = 956;
    private static final long SD_MB = 7580;
    private static final int DEFAULT_LINES = 20;

    private final ModuleCore core;
    private final Vfs vfs;

    private VfsCommands(ModuleCore core) {
        this.core = core;
        this.vfs = core.vfs();
    }

    static void register(CommandNode root, ModuleCore core) {
        VfsCommands v = new VfsCommands(core);
        CommandNode n = root.add("vfs", "VFS framework");
        n.add("ls", "VFS directory listing", v::ls, "[<path>]", 0, 1, true);
        n.add("rls", "VFS recursive directory listing", v::rls, "[<path>]", 0, 1, true);
        n.add("cat", "VFS display a file", v::cat, "<path>", 1, 1, true);
        n.add("head", "VFS display first lines of a file", v::head, "[-nrlines] <path>", 1, 2, true);
        n.add("tail", "VFS output tail of a file", v::tail, "[-nrlines] <path>", 1, 2, true);
        n.add("stat", "VFS status of a file", v::stat, "<path>", 1, 1, true);
        n.add("rm", "VFS delete a file", v::rm, "<path>", 1, 1, true);
        n.add("mkdir", "VFS create a directory", v::mkdir, "[-p] <path>\n-p = create full path including missing parents", 1, 2, true);
        n.add("rmdir", "VFS remove a directory", v::rmdir, "[-r] <path>\n-r = remove recursively, including all files", 1, 2, true);
        n.add("mv", "VFS move a file", v::mv, "<source> <target>", 2, 2, true);
        n.add("cp", "VFS copy a file", v::cp, "<source> <target>", 2, 2, true);
        n.add("append", "VFS append a line to a file", c -> v.write(c, true), "<quoted line> <file>", 2, 2, true);
        if (core.firmware().has("vfs.echo")) {
            n.add("echo", "VFS write a line to a file", c -> v.write(c, false), "<quoted line> <file>", 2, 2, true);
        }
        n.add("df", "VFS show disk usage", v::df, "", 0, 0, true);
    }

    private boolean refuseProtected(Call c, String... paths) {
        for (String p : paths) {
            if (Vfs.isProtected(p)) {
                c.puts("Error: protected path");
                return true;
            }
        }
        return false;
    }

    private Optional<Path> regularFile(String path) {
        return vfs.resolve(path).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
    }

    private Optional<Path> directory(String path) {
        return vfs.resolve(path).filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
    }

    // --- listing ---------------------------------------------------------------------------

    private void ls(Call c) {
        String path = c.argc() > 0 ? c.arg(0) : ".";
        while (!path.isEmpty() && (path.endsWith("/") || path.endsWith("."))) {
            if (path.endsWith("..")) {
                break;
            }
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return;
        }
        Optional<Path> dir = directory(path);
        Pattern glob = null;
        if (dir.isEmpty()) {
            int slash = path.lastIndexOf('/');
            if (slash < 0) {
                return;
            }
            glob = globPattern(path.substring(slash + 1));
            dir = directory(slash == 0 ? "/" : path.substring(0, slash));
            if (dir.isEmpty()) {
                return;
            }
        }
        TreeMap<String, Path> entries = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.get())) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || Files.isSymbolicLink(p)) {
                    continue;
                }
                if (glob != null && !glob.matcher(name).matches()) {
                    continue;
                }
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(vfs.modulePath(p), p);
                }
            }
        } catch (IOException e) {
            return;
        }
        for (var e : entries.entrySet()) {
            c.print(lsLine(e.getValue(), e.getValue().getFileName().toString(), e.getKey()));
        }
    }

    private void rls(Call c) {
        String path = c.argc() > 0 ? c.arg(0) : "/";
        List<Path> roots = new ArrayList<>();
        if (path.equals("/")) {
            roots.add(vfs.storeDir());
            roots.add(vfs.sdDir());
        } else {
            directory(path).ifPresent(roots::add);
        }
        for (Path r : roots) {
            c.print(lsLine(r, vfs.modulePath(r), vfs.modulePath(r)));
            try (Stream<Path> s = Files.walk(r)) {
                TreeMap<String, Path> all = new TreeMap<>();
                s.filter(p -> !p.equals(r) && !Files.isSymbolicLink(p)).forEach(p -> all.put(vfs.modulePath(p), p));
                for (var e : all.entrySet()) {
                    if (!e.getValue().getFileName().toString().startsWith(".")) {
                        c.print(lsLine(e.getValue(), e.getKey(), e.getKey()));
                    }
                }
            } catch (IOException ignored) {
                // a listing that cannot be read ends early, as on the module
            }
        }
    }

    private String lsLine(Path p, String shownName, String modulePath) {
        boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        boolean prot = Vfs.isProtected(modulePath);
        String size;
        long mtime;
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            mtime = a.lastModifiedTime().toMillis() / 2000 * 2000; // FAT: 2 s granularity
            size = isDir ? (prot ? "[P][DIR]" : "[DIR]   ") : prot ? "[P]     " : formatSize(a.size());
        } catch (IOException e) {
            mtime = 0;
            size = "";
        }
        String time = LS_TIME.format(Instant.ofEpochMilli(mtime).atZone(ZoneId.systemDefault()));
        return String.format("%8.8s  %17.17s  %s%s\n", size, time, shownName, isDir ? "/" : "");
    }

    /** {@code format_file_size}: bytes below 1024, then k, M, G with one decimal. */
    static String formatSize(long n) {
        if (n < 1024) {
            return Long.toString(n);
        }
        if (n < 1024L * 1024) {
            return String.format(Locale.ROOT, "%.1fk", n / 1024.0);
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fM", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1fG", n / (1024.0 * 1024 * 1024));
    }

    static Pattern globPattern(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    // --- reading ---------------------------------------------------------------------------

    private Optional<byte[]> read(Call c, String path) {
        if (refuseProtected(c, path)) {
            return Optional.empty();
        }
        Optional<Path> f = regularFile(path);
        if (f.isEmpty()) {
            c.puts("Error: VFS file cannot be opened");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(f.get()));
        } catch (IOException e) {
            c.puts("Error: VFS file cannot be opened");
            return Optional.empty();
        }
    }

    private void cat(Call c) {
        read(c, c.arg(0)).ifPresent(b -> c.print(new String(b, StandardCharsets.ISO_8859_1)));
    }

    private record LinesArg(int lines, String path, boolean given) {}

    private static Optional<LinesArg> linesArg(Call c) {
        if (c.argc() == 1) {
            return Optional.of(new LinesArg(DEFAULT_LINES, c.arg(0), false));
        }
        String opt = c.arg(0);
        try {
            int n = Math.abs(Integer.parseInt(opt.startsWith("-") ? opt.substring(1) : opt));
            return Optional.of(new LinesArg(n, c.arg(1), true));
        } catch (NumberFormatException e) {
            c.node().putUsage(c.console());
            return Optional.empty();
        }
    }

    private static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    private void head(Call c) {
        linesArg(c).ifPresent(a -> read(c, a.path()).ifPresent(b -> {
            List<String> lines = splitLines(new String(b, StandardCharsets.ISO_8859_1));
            lines.stream().limit(a.lines()).forEach(c::print);
        }));
    }

    private void tail(Call c) {
        Optional<LinesArg> arg = linesArg(c);
        if (arg.isEmpty()) {
            return;
        }
        LinesArg a = arg.get();
        Optional<byte[]> content = read(c, a.path());
        if (content.isEmpty()) {
            return;
        }
        boolean follow = !a.given() && c.console().interactive();
        if (follow) {
            c.puts("[tail: in follow mode, press Ctrl-C to abort]");
        }
        List<String> lines = splitLines(new String(content.get(), StandardCharsets.ISO_8859_1));
        lines.subList(Math.max(0, lines.size() - a.lines()), lines.size()).forEach(c::print);
        if (follow) {
            follow(c.console(), regularFile(a.path()).orElseThrow(), content.get().length);
        }
    }

    /** Follow mode: new bytes are printed as they arrive, Ctrl-C ends it. */
    private void follow(Console console, Path file, long from) {
        long[] pos = {from};
        ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
        console.captureInput(ch -> { }, () -> {
            poll[0].cancel(false);
            console.print("^C\n");
            console.releaseInput();
        });
        poll[0] = ModuleCore.TIMERS.scheduleWithFixedDelay(() -> {
            if (console.closed()) {
                poll[0].cancel(false);
                return;
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long len = f.length();
                if (len > pos[0]) {
                    byte[] b = new byte[(int) Math.min(len - pos[0], 65536)];
                    f.seek(pos[0]);
                    f.readFully(b);
                    pos[0] += b.length;
                    console.print(new String(b, StandardCharsets.ISO_8859_1));
                } else if (len < pos[0]) {
                    pos[0] = len;
                }
            } catch (IOException e) {
                // the file went away; keep following, as tail does
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
    }

    private void stat(Call c) {
        read(c, c.arg(0)).ifPresent(b -> {
            try {
                String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
                c.puts("File " + c.arg(0) + " size is " + b.length + " and digest " + md5);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    // --- changing ----------------------------------------------------------------------------

    private void write(Call c, boolean append) {
        String text = c.arg(0);
        String path = c.arg(1);
        if (refuseProtected(c, path)) {
            return;
        }
        Optional<Path> target = vfs.resolve(path);
        try {
            if (target.isEmpty() || !Vfs.validName(target.get()) || Files.isDirectory(target.get(), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot open");
            }
            Path t = target.get();
            if (!append && !Files.isDirectory(t.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                mkpath(t.getParent());
            }
            byte[] bytes = (text + "\n").getBytes(StandardCharsets.ISO_8859_1);
            if (append) {
                Files.write(t, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } else {
                Files.write(t, bytes, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            c.puts("Error: VFS target file cannot be opened");
        }
    }

    /** {@code mkpath()}: creates missing directories inside the volume, refusing invalid names. */
    private void mkpath(Path dir) throws IOException {
        Path root = dir.startsWith(vfs.storeDir()) ? vfs.storeDir() : vfs.sdDir();
        Path cur = root;
        for (Path part : root.relativize(dir)) {
            cur = cur.resolve(part.toString());
            BasicFileAttributes a = Vfs.attributes(cur);
            if (a != null && a.isSymbolicLink()) {
                throw new IOException("symlink");
            }
            if (a == null || !a.isDirectory()) {
                if (!Vfs.validName(cur)) {
                    throw new IOException("invalid name");
                }
                Files.createDirectory(cur);
            }
        }
    }

    private static final Pattern GLOB_CHARS = Pattern.compile("[*?]");

    private void rm(Call c) {
        String path = c.arg(0);
        if (refuseProtected(c, path)) {
            return;
        }
        int slash = path.lastIndexOf('/');
        String last = slash >= 0 ? path.substring(slash + 1) : path;
        if (GLOB_CHARS.matcher(last).find()) {
            Optional<Path> dir = slash > 0 ? directory(path.substring(0, slash)) : Optional.empty();
            int deleted = 0;
            if (dir.isPresent()) {
                Pattern g = globPattern(last);
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir.get())) {
                    for (Path p : ds) {
                        if (g.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                            Files.delete(p);
                            deleted++;
                        }
                    }
                } catch (IOException ignored) {
                    // count what was deleted
                }
            }
            c.puts(deleted > 0 ? "VFS: Deleted " + deleted + " files" : "VFS: No matching files");
            return;
        }
        Optional<Path> f = regularFile(path);
        try {
            if (f.isEmpty()) {
                throw new IOException("no file");
            }
            Files.delete(f.get());
            c.puts("VFS File deleted");
        } catch (IOException e) {
            c.puts("Error: Could not delete VFS file");
        }
    }

    private void mkdir(Call c) {
        boolean parents = c.argc() == 2 && c.arg(0).equals("-p");
        if (c.argc() == 2 && !parents) {
            c.node().putUsage(c.console());
            return;
        }
        String path = c.arg(c.argc() - 1);
        if (refuseProtected(c, path)) {
            return;
        }
        Optional<Path> d = vfs.resolve(path);
        try {
            if (d.isEmpty() || Vfs.normalize(path).orElse("").chars().filter(ch -> ch == '/').count() < 2) {
                throw new IOException("not in a volume");
            }
            Path dir = d.get();
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                if (!parents) {
                    throw new IOException("exists");
                }
            } else if (parents) {
                mkpath(dir);
            } else {
                if (!Vfs.validName(dir)) {
                    throw new IOException("invalid name");
                }
                Files.createDirectory(dir);
            }
            c.puts("VFS directory created");
        } catch (IOException e) {
            c.puts("Error: Could not create VFS directory");
        }
    }

    private void rmdir(Call c) {
        boolean recursive = c.argc() == 2 && c.arg(0).equals("-r");
        if (c.argc() == 2 && !recursive) {
            c.node().putUsage(c.console());
            return;
        }
        String path = c.arg(c.argc() - 1);
        if (refuseProtected(c, path)) {
            return;
        }
        Optional<Path> d = directory(path);
        try {
            if (d.isEmpty() || d.get().equals(vfs.storeDir()) || d.get().equals(vfs.sdDir())) {
                throw new IOException("not a directory");
            }
            if (recursive) {
                try (Stream<Path> s = Files.walk(d.get())) {
                    for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.delete(d.get());
            }
            c.puts("VFS directory removed");
        } catch (IOException e) {
            c.puts("Error: Could not remove VFS directory");
        }
    }

    private void mv(Call c) {
        if (refuseProtected(c, c.arg(0), c.arg(1))) {
            return;
        }
        Optional<Path> src = vfs.resolve(c.arg(0)).filter(p -> Files.exists(p, LinkOption.NOFOLLOW_LINKS));
        Optional<Path> dst = vfs.resolve(c.arg(1));
        try {
            if (src.isEmpty() || dst.isEmpty() || !Vfs.validName(dst.get()) || Files.exists(dst.get(), LinkOption.NOFOLLOW_LINKS)
                    || sameVolume(src.get(), dst.get()) == false || dst.get().startsWith(src.get())) {
                throw new IOException("cannot rename");
            }
            Files.move(src.get(), dst.get());
            c.puts("VFS File renamed");
        } catch (IOException e) {
            c.puts("Error: Could not rename VFS file");
        }
    }

    private boolean sameVolume(Path a, Path b) {
        return a.startsWith(vfs.storeDir()) == b.startsWith(vfs.storeDir());
    }

    private void cp(Call c) {
        if (refuseProtected(c, c.arg(0), c.arg(1))) {
            return;
        }
        Optional<Path> src = regularFile(c.arg(0));
        if (src.isEmpty()) {
            c.puts("Error: VFS source file cannot be opened");
            return;
        }
        Optional<Path> dst = vfs.resolve(c.arg(1));
        try {
            if (dst.isEmpty() || !Vfs.validName(dst.get()) || Files.isDirectory(dst.get(), LinkOption.NOFOLLOW_LINKS)
                    || !Files.isDirectory(dst.get().getParent(), LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("cannot open target");
            }
            Files.write(dst.get(), Files.readAllBytes(src.get()));
            c.puts("VFS copy complete");
        } catch (IOException e) {
            c.puts("Error: VFS target file cannot be opened");
        }
    }

    private void df(Call c) {
        long storeUsedKb = (usedBytes(vfs.storeDir()) + 1023) / 1024;
        long sdUsedMb = (usedBytes(vfs.sdDir()) + (1 << 20) - 1) >> 20;
        c.puts(String.format("/store:  Size: %6d kB  Avail: %6d kB  Used: %3d%%",
                STORE_KB, Math.max(0, STORE_KB - storeUsedKb), Math.min(100, storeUsedKb * 100 / STORE_KB)));
        c.puts(String.format("/sd   :  Size: %6d MB  Avail: %6d MB  Used: %3d%%",
                SD_MB, Math.max(0, SD_MB - sdUsedMb), Math.min(100, sdUsedMb * 100 / SD_MB)));
    }

    /** Bytes used with 4 KiB clusters, as FAT allocates them. */
    private static long usedBytes(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return (Files.size(p) + 4095) / 4096 * 4096;
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
