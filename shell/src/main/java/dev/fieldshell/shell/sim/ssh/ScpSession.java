package dev.fieldshell.shell.sim.ssh;

import dev.fieldshell.shell.sim.module.ModuleCore;
import dev.fieldshell.shell.sim.module.Vfs;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Legacy scp (rcp protocol) through an exec channel, as the module's {@code scp -t} (sink, upload)
 * and {@code scp -f} (source, download) with {@code -r -d -v}: uploads above 10 MiB are refused
 * with {@code size unacceptable}, protected paths with {@code protected path}.
 */
final class ScpSession extends ChannelCommand {
    static final long LIMIT = 10L * 1024 * 1024;

    private final ModuleCore core;
    private final String command;

    ScpSession(ModuleCore core, String command) {
        this.core = core;
        this.command = command;
    }

    @Override
    protected void run() throws IOException {
        boolean sink = false;
        boolean source = false;
        boolean recursive = false;
        String path = null;
        String[] words = command.strip().split(" +", -1);
        int i = 1;
        for (; i < words.length; i++) {
            String w = words[i];
            if (w.equals("--")) {
                i++;
                break;
            }
            if (!w.startsWith("-")) {
                break;
            }
            sink |= w.contains("t");
            source |= w.contains("f");
            recursive |= w.contains("r");
        }
        if (i < words.length) {
            path = String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
            if (path.length() >= 2 && path.startsWith("'") && path.endsWith("'")) {
                path = path.substring(1, path.length() - 1);
            }
        }
        try {
            if (path == null || sink == source) {
                fatal("scp: usage: scp -t|-f [-r] [-d] [-v] <path>");
            } else if (sink) {
                sink(path, recursive);
            } else {
                readAck(); // the sink starts with \0 when it is ready
                source(path, recursive);
            }
        } catch (EOFException e) {
            // client went away
        }
        close();
    }

    // --- protocol helpers --------------------------------------------------------------------

    private void ok() throws IOException {
        writeRaw(new byte[] {0}, 0, 1);
    }

    private void error(String message) throws IOException {
        byte[] m = ("\001scp: " + message + "\n").getBytes(StandardCharsets.UTF_8);
        writeRaw(m, 0, m.length);
    }

    private void fatal(String message) throws IOException {
        byte[] m = ("\002" + message + "\n").getBytes(StandardCharsets.UTF_8);
        writeRaw(m, 0, m.length);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = readByte()) != '\n') {
            b.write(c);
            if (b.size() > 4096) {
                throw new IOException("scp header too long");
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    private void readAck() throws IOException {
        int b = readByte();
        if (b != 0) {
            String msg = readLine();
            throw new IOException("scp client error: " + msg);
        }
    }

    // --- sink (upload) -------------------------------------------------------------------------

    private void sink(String target, boolean recursive) throws IOException {
        Optional<Path> t = core.vfs().resolve(target);
        Deque<Path> dirs = new ArrayDeque<>();
        boolean targetIsDir = t.isPresent() && Files.isDirectory(t.get(), LinkOption.NOFOLLOW_LINKS);
        if (targetIsDir) {
            dirs.push(t.get());
        }
        ok();
        while (true) {
            int type;
            try {
                type = readByte();
            } catch (EOFException e) {
                return;
            }
            String line = readLine();
            switch (type) {
                case 'T' -> ok(); // times: FAT keeps its own
                case 'E' -> {
                    if (!dirs.isEmpty()) {
                        dirs.pop();
                    }
                    ok();
                }
                case 'C' -> receiveFile(line, t, dirs);
                case 'D' -> {
                    if (!recursive) {
                        error("received directory without -r");
                        return;
                    }
                    String name = field(line, 2);
                    Path dir = dirs.isEmpty() ? t.orElse(null) : dirs.peek().resolve(name);
                    if (dir == null || Vfs.isProtected(core.vfs().modulePath(dir)) || badName(name) || !Vfs.validName(dir)) {
                        error(target + ": protected path");
                        return;
                    }
                    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectory(dir);
                    }
                    dirs.push(dir);
                    ok();
                }
                case 1, 2 -> {
                    return;
                }
                default -> {
                    fatal("scp: protocol error: unexpected '" + (char) type + "'");
                    return;
                }
            }
        }
    }

    private static boolean badName(String name) {
        return name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/");
    }

    private static String field(String line, int index) {
        String[] f = line.split(" ", 3);
        return index < f.length ? f[index] : "";
    }

    private void receiveFile(String header, Optional<Path> target, Deque<Path> dirs) throws IOException {
        long size;
        try {
            size = Long.parseLong(field(header, 1));
        } catch (NumberFormatException e) {
            fatal("scp: protocol error: bad file header");
            throw new EOFException();
        }
        String name = field(header, 2);
        // After an error reply the client does not send that file's data.
        if (size > LIMIT || size < 0) {
            error("size unacceptable");
            return;
        }
        Path file = dirs.isEmpty() ? target.orElse(null) : dirs.peek().resolve(name);
        String modulePath = file == null ? "" : core.vfs().modulePath(file);
        if (file == null || (!dirs.isEmpty() && badName(name))) {
            error("cannot open file for writing");
            return;
        }
        if (Vfs.isProtected(modulePath)) {
            error("protected path");
            return;
        }
        if (!Vfs.validName(file) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(file)) {
            error(modulePath + ": cannot open file for writing");
            return;
        }
        ok();
        try (OutputStream o = Files.newOutputStream(file)) {
            copy(size, o);
        }
        readAck();
        ok();
    }

    private void copy(long size, OutputStream o) throws IOException {
        byte[] buf = new byte[8192];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException();
            }
            if (o != null) {
                o.write(buf, 0, n);
            }
            left -= n;
        }
    }

    // --- source (download) ---------------------------------------------------------------------

    private void source(String path, boolean recursive) throws IOException {
        if (Vfs.isProtected(path)) {
            error(path + ": protected path");
            return;
        }
        Optional<Path> p = core.vfs().resolve(path);
        if (p.isEmpty() || !Files.exists(p.get(), LinkOption.NOFOLLOW_LINKS)) {
            error(path + ": No such file or directory");
            return;
        }
        send(p.get(), recursive);
    }

    private void send(Path p, boolean recursive) throws IOException {
        String name = p.getFileName() == null ? "store" : p.getFileName().toString();
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            if (!recursive) {
                error(core.vfs().modulePath(p) + ": not a regular file");
                return;
            }
            header("D0755 0 " + name + "\n");
            TreeSet<Path> children = new TreeSet<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                ds.forEach(children::add);
            }
            for (Path c : children) {
                if (!Files.isSymbolicLink(c) && !Vfs.isProtected(core.vfs().modulePath(c))) {
                    send(c, true);
                }
            }
            header("E\n");
            return;
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        byte[] data = Files.readAllBytes(p);
        header("C0644 " + data.length + " " + name + "\n");
        writeRaw(data, 0, data.length);
        ok();
        readAck();
    }

    private void header(String h) throws IOException {
        byte[] b = h.getBytes(StandardCharsets.UTF_8);
        writeRaw(b, 0, b.length);
        readAck();
    }
}
