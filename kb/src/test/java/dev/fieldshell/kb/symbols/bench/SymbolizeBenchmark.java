package dev.fieldshell.kb.symbols.bench;

import dev.fieldshell.kb.symbols.ElfImage;
import dev.fieldshell.kb.symbols.ElfReader;
import dev.fieldshell.kb.symbols.FunctionTable;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Symbolizes 100,000 addresses of one ELF with our reader and with GNU addr2line (one process, all
 * addresses on stdin) in the same run, and checks that the names agree:
 * {@code SymbolizeBenchmark ELF ADDR2LINE [COUNT]}.
 */
public final class SymbolizeBenchmark {
    private SymbolizeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path elfPath = Path.of(args[0]);
        String tool = args[1];
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        ElfImage probe = ElfReader.read(elfPath);
        Random r = new Random(1);
        long[] addrs = new long[count];
        List<FunctionTable.AddressRange> exec = probe.functions().executableRanges();
        for (int i = 0; i < count; i++) {
            FunctionTable.AddressRange range = exec.get(r.nextInt(exec.size()));
            addrs[i] = range.start() + (long) r.nextInt((int) range.size());
        }

        long t0 = System.nanoTime();
        ElfImage elf = ElfReader.read(elfPath);
        String[] ours = new String[count];
        for (int i = 0; i < count; i++) {
            ours[i] = elf.functions().functionAt(addrs[i]).orElse("??");
        }
        long oursNs = System.nanoTime() - t0;

        long t1 = System.nanoTime();
        Process p = new ProcessBuilder(tool, "-f", "-e", elfPath.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII)) {
                for (long a : addrs) {
                    w.write(String.format("0x%x\n", a));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> theirs = new ArrayList<>(count);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                theirs.add(in.readLine());
                in.readLine();
            }
        }
        writer.join();
        p.waitFor();
        long gnuNs = System.nanoTime() - t1;

        int same = 0;
        for (int i = 0; i < count; i++) {
            if (ours[i].equals(theirs.get(i))) {
                same++;
            }
        }
        System.out.printf("%d addresses, %d functions: fieldshell %.0f ms (ELF read included), GNU %s %.0f ms; names agree on %d of %d%n",
                count, elf.functions().size(), oursNs / 1e6, Path.of(tool).getFileName(), gnuNs / 1e6, same, count);
    }
}
