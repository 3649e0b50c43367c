package dev.fieldshell.kb.symbols;

import dev.fieldshell.kb.crash.Frame;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived GNU addr2line process for source lines (the ELF reader gives names but not lines).
 * Addresses go to its stdin one per line, each followed by a sentinel address (0), so the end of
 * each answer is known even with a variable number of {@code (inlined by)} lines. Never one process
 * per address. Not thread-safe.
 */
public final class Addr2Line implements AutoCloseable {

    /** Tried in order: the ESP8266 and ESP32 Xtensa tools, then the host's (it reads foreign ELFs with BFD). */
    public static final List<String> TOOLS = List.of("xtensa-esp32-elf-addr2line", "xtensa-lx106-elf-addr2line",
            "xtensa-esp-elf-addr2line", "riscv32-esp-elf-addr2line", "addr2line");

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final String tool;

    private Addr2Line(Process process, String tool) {
        this.process = process;
        this.tool = tool;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** The first installed tool of {@link #TOOLS} on PATH, if any. */
    public static Optional<Path> findTool(String pathEnv) {
        if (pathEnv == null) {
            return Optional.empty();
        }
        for (String name : TOOLS) {
            for (String dir : pathEnv.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts {@code tool -e elf -f -i -C -a}; empty when no tool is installed. */
    public static Optional<Addr2Line> start(Path elf) throws SymbolsException {
        Optional<Path> tool = findTool(System.getenv("PATH"));
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(start(tool.get(), elf));
    }

    public static Addr2Line start(Path tool, Path elf) throws SymbolsException {
        try {
            Process p = new ProcessBuilder(tool.toString(), "-e", elf.toString(), "-f", "-i", "-C", "-a")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return new Addr2Line(p, tool.getFileName().toString());
        } catch (IOException e) {
            throw new SymbolsException(tool + ": cannot start: " + e.getMessage(), e);
        }
    }

    public String tool() {
        return tool;
    }

    /**
     * The frames for one address, innermost (inlined) first, as addr2line gives them; empty when it
     * knows nothing ({@code ??}).
     */
    public List<Frame> lookup(long address) throws SymbolsException {
        List<List<Frame>> r = lookupAll(new long[] {address});
        return r.get(0);
    }

    /** Many addresses in one pipelined exchange: written by a helper thread while answers are read. */
    public List<List<Frame>> lookupAll(long[] addresses) throws SymbolsException {
        List<List<Frame>> results = new ArrayList<>(addresses.length);
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                for (long a : addresses) {
                    in.write(String.format("0x%x\n0x0\n", a));
                }
                in.flush();
            } catch (IOException ignored) {
                // the reader below reports the dead process
            }
        });
        try {
            for (long a : addresses) {
                results.add(readAnswer(a));
            }
            writer.join();
        } catch (IOException e) {
            throw new SymbolsException(tool + " stopped answering: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SymbolsException(tool + ": interrupted", e);
        }
        return results;
    }

    private List<Frame> readAnswer(long address) throws IOException {
        String echo = readLine(); // "0x4008..." (the -a echo)
        if (!echo.startsWith("0x")) {
            throw new IOException("unexpected output '" + echo + "'");
        }
        List<Frame> frames = new ArrayList<>();
        while (true) {
            String fn = readLine();
            if (fn.startsWith("0x") && Long.parseUnsignedLong(fn.substring(2), 16) == 0) {
                readLine(); // sentinel's function "??"
                readLine(); // sentinel's location "??:0"
                break;
            }
            String loc = readLine();
            if (fn.equals("??")) {
                continue;
            }
            String file = "";
            int line = 0;
            int colon = loc.lastIndexOf(':');
            if (colon > 0 && !loc.startsWith("??")) {
                file = loc.substring(0, colon);
                String num = loc.substring(colon + 1).split(" ")[0];
                line = num.matches("\\d+") ? Integer.parseInt(num) : 0;
            }
            frames.add(new Frame(address, 0, fn, file, line, false));
        }
        // addr2line -i prints the innermost function first; all but the last were inlined into the next.
        List<Frame> out = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            out.add(new Frame(f.address(), f.sp(), f.function(), f.file(), f.line(), i < frames.size() - 1));
        }
        return out;
    }

    private String readLine() throws IOException {
        String l = out.readLine();
        if (l == null) {
            throw new IOException("end of output");
        }
        return l;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the process is going away anyway
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
