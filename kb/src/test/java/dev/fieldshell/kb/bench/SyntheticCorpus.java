package dev.fieldshell.kb.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a deterministic synthetic corpus that looks like what {@code kb ingest} reads in the field:
 * pipermail-style mail threads (replies quote the crash with German or English attributions, footers,
 * signatures), GitHub issue JSON arrays with embedded comments, and DebugCrash crash logs. Frames are
 * drawn from a Zipf distribution over a vocabulary of real OVMS/ESP-IDF function names followed by
 * generated ones, so a few frames are very common and most are rare, as in real crash data.
 *
 * <p>Shares: 60% mails, 30% issues, 10% crash records. File sizes stay near 10k documents each.
 */
public final class SyntheticCorpus {
    private static final String[] REAL_FRAMES = {
        "mg_send", "mg_mgr_poll", "OvmsConsole::Poll", "multi_heap_free", "multi_heap_malloc", "heap_caps_malloc",
        "OvmsServerV2::TransmitMsgStat", "OvmsServerV3::TransmitMetric", "OvmsNetManager::DoSafePrioritiseAndIndicate",
        "OvmsEvents::EventTask", "duk_hobject_getprop", "duk_js_call", "esp_crt_copy_asn1", "mbedtls_ssl_handshake",
        "tcpip_thread", "pbuf_alloc", "xQueueGenericSend", "vTaskDelay", "esp_wifi_connect", "CanFrameCallback",
        "OvmsVehicle::IncomingFrameCan1", "canlog::Open", "vfs_fat_write", "MyConfig::SetParamValue",
        "OvmsMetricFloat::SetValue", "OvmsWebServer::HandleRoot", "mbuf_insert", "ssl_parse_certificate"};
    private static final String[] EXCEPTIONS = {"LoadProhibited", "StoreProhibited", "IllegalInstruction", "InstrFetchProhibited",
        "LoadStoreAlignment", "IntegerDivideByZero"};
    private static final String[] PEOPLE = {"Michael Balzer", "Mark Webb-Johnson", "Greg D.", "Stephen Casner", "Derek Caudwell",
        "Craig Leres", "Tamás Kovács", "Jürgen Weber"};
    private static final String[] WORDS = ("the module crashed again after the firmware update while parking with wifi off and "
            + "modem on server v2 stopped reconnect heap corruption watchdog event script plugin vehicle can bus log "
            + "config store network reconfiguration during charging timer ticker task stack core backtrace decode edge "
            + "build release please test the patch see the attached log it happens every night since").split(" ");

    private final Random random;
    private final double[] cdf;
    private final String[] frames;

    public SyntheticCorpus(long seed, int vocabulary) {
        this.random = new Random(seed);
        this.frames = new String[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            frames[i] = i < REAL_FRAMES.length ? REAL_FRAMES[i] : "component" + (i % 97) + "_func" + i;
        }
        this.cdf = new double[vocabulary];
        double sum = 0;
        for (int i = 0; i < vocabulary; i++) {
            sum += 1.0 / Math.pow(i + 1, 1.1);
            cdf[i] = sum;
        }
        for (int i = 0; i < vocabulary; i++) {
            cdf[i] /= sum;
        }
    }

    /** What was written. */
    public record Written(List<Path> files, long documents, long mails, long issues, long crashes, long bytes) {}

    /** Writes about {@code documents} documents into {@code dir}. */
    public Written write(Path dir, long documents) throws IOException {
        Files.createDirectories(dir);
        long mails = documents * 6 / 10;
        long issues = documents * 3 / 10;
        long crashes = documents - mails - issues;
        List<Path> files = new ArrayList<>();
        long written = 0;
        for (long done = 0, part = 0; done < mails; part++) {
            long n = Math.min(10_000, mails - done);
            Path f = dir.resolve(String.format("ovmsdev-%05d.txt", part));
            try (Writer w = writer(f)) {
                mails(w, part, n);
            }
            files.add(f);
            done += n;
        }
        for (long done = 0, part = 0; done < issues; part++) {
            long n = Math.min(5_000, issues - done);
            Path f = dir.resolve(String.format("github-issues-%05d.json", part));
            try (Writer w = writer(f)) {
                issues(w, part, n);
            }
            files.add(f);
            done += n;
        }
        for (long done = 0, part = 0; done < crashes; part++) {
            long n = Math.min(10_000, crashes - done);
            Path f = dir.resolve(String.format("debugcrash-%05d.log", part));
            try (Writer w = writer(f)) {
                crashLog(w, n);
            }
            files.add(f);
            done += n;
        }
        for (Path f : files) {
            written += Files.size(f);
        }
        return new Written(files, mails + issues + crashes, mails, issues, crashes, written);
    }

    /** Writes {@code n} mails as one pipermail monthly text archive. */
    public void mails(Writer w, long part, long n) throws IOException {
        String rootId = null;
        String crashText = null;
        int inThread = 0;
        for (long i = 0; i < n; i++) {
            String id = "synthetic-" + part + "-" + i + "@bench.fieldshell.invalid";
            String who = PEOPLE[random.nextInt(PEOPLE.length)];
            String addr = who.toLowerCase().replaceAll("[^a-z]", "") + " at example.org";
            boolean newThread = rootId == null || inThread >= 2 + random.nextInt(5);
            int day = 1 + (int) (i % 28);
            w.write("From " + addr + "  Mon Jan " + (day < 10 ? " " : "") + day + " 10:" + two(i % 60) + ":" + two((i / 60) % 60) + " 2026\n");
            w.write("From: " + addr + " (" + who + ")\n");
            w.write("Date: Mon, " + day + " Jan 2026 10:" + two(i % 60) + ":" + two((i / 60) % 60) + " +0100\n");
            if (newThread) {
                rootId = id;
                inThread = 0;
                crashText = crash();
                w.write("Subject: [Ovmsdev] Crash " + i + " " + words(4) + "\n");
            } else {
                inThread++;
                w.write("Subject: Re: [Ovmsdev] Crash thread " + rootId.hashCode() + "\n");
                w.write("In-Reply-To: <" + rootId + ">\nReferences: <" + rootId + ">\n");
            }
            w.write("Message-ID: <" + id + ">\n\n");
            w.write(sentence() + "\n" + sentence() + "\n\n");
            if (newThread) {
                w.write(crashText);
            } else {
                w.write(random.nextBoolean() ? "Am 05.01.26 um 10:00 schrieb " + who + " via OvmsDev:\n"
                        : "On 5 Jan 2026, at 10:00, " + who + " <" + addr + "> wrote:\n");
                for (String l : crashText.split("\n")) {
                    w.write("> " + l + "\n");
                }
            }
            w.write("\nRegards,\n" + who.split(" ")[0] + "\n\n-- \n" + who + "\n\n");
            w.write("_______________________________________________\nOvmsDev mailing list\nOvmsDev at lists.openvehicles.com\n"
                    + "http://lists.openvehicles.com/mailman/listinfo/ovmsdev\n\n");
        }
    }

    private void issues(Writer w, long part, long n) throws IOException {
        w.write("[\n");
        for (long i = 0; i < n; i++) {
            long number = part * 5_000 + i + 1;
            w.write(i == 0 ? "" : ",\n");
            w.write("{\"number\":" + number + ",\"title\":\"" + words(6) + "\",\"state\":\"" + (random.nextInt(3) == 0 ? "open" : "closed")
                    + "\",\"state_reason\":\"completed\",\"labels\":[{\"name\":\"bug\"}],"
                    + "\"html_url\":\"https://github.com/synthetic/ovms/issues/" + number + "\","
                    + "\"repository_url\":\"https://api.github.com/repos/synthetic/ovms\",\"user\":{\"login\":\"user" + random.nextInt(500)
                    + "\"},\"created_at\":\"2025-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T00:00:00Z\",");
            w.write("\"body\":" + json(sentence() + "\n\n```\n" + crash() + "```\nSee #" + (1 + random.nextInt((int) number)) + ".") + ",");
            w.write("\"comments\":[{\"user\":{\"login\":\"maintainer\"},\"created_at\":\"2025-10-01T00:00:00Z\",\"body\":"
                    + json("> " + sentence() + "\n\n" + sentence()) + "}]}");
        }
        w.write("\n]\n");
    }

    private void crashLog(Writer w, long n) throws IOException {
        for (long i = 0; i < n; i++) {
            w.write("2025-12-" + two(1 + i % 28) + " 0" + (i % 10) + ":" + two(i % 60) + ":00 | *-OVM-DebugCrash | 3.3.005-" + (600 + random.nextInt(30))
                    + "-gd132bfe0/ota_0/edge (build idf v3.3.4-851-gfa4f07fb3 Jan 10 2026 10:00:00),"
                    + (1 + random.nextInt(50)) + ",Crash,12,12,2,0," + EXCEPTIONS[random.nextInt(EXCEPTIONS.length)] + ",1,");
            StringBuilder regs = new StringBuilder();
            for (int r = 0; r < 24; r++) {
                regs.append(String.format("0x%08x ", random.nextInt() & 0x7fffffff));
            }
            w.write(regs + ",");
            for (int f = 0; f < 6; f++) {
                w.write(String.format("0x%08x ", address(zipf())));
            }
            w.write(",4,Exception/panic,ticker.1,ovms-server-v2,0,,OVMS WIFI BLE BT cores=2 rev=ESP32/3\n");
        }
    }

    /** A v3.3 panic with a decoded backtrace in OVMS's gdb "is in" style. */
    private String crash() {
        int depth = 3 + random.nextInt(6);
        int[] fs = new int[depth];
        for (int i = 0; i < depth; i++) {
            fs[i] = zipf();
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Guru Meditation Error: Core  1 panic'ed (").append(EXCEPTIONS[fs[0] % EXCEPTIONS.length]).append("). Exception was unhandled.\n");
        sb.append("Core 1 register dump:\n");
        sb.append(String.format("PC      : 0x%08x  PS      : 0x00060f30  A0      : 0x8015e0b1  A1      : 0x3ffd2a10%n", address(fs[0])));
        sb.append(String.format("EXCVADDR: 0x%08x  LBEG    : 0x4000c2e0  LEND    : 0x4000c2f6  LCOUNT  : 0xffffffff%n%n", random.nextInt(0x100)));
        sb.append("Backtrace:");
        for (int f : fs) {
            sb.append(String.format(" 0x%08x:0x3ffd2a%02x", address(f), random.nextInt(256)));
        }
        sb.append("\n\n");
        for (int f : fs) {
            sb.append(String.format("0x%08x is in %s (components/%s.c:%d).%n", address(f), frames[f], frames[f].replace("::", "_"), 100 + f % 900));
        }
        return sb.toString();
    }

    private long address(int frame) {
        return 0x400d0000L + frame * 0x40L;
    }

    private int zipf() {
        double u = random.nextDouble();
        int lo = 0;
        int hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private String sentence() {
        String s = words(8 + random.nextInt(12));
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    private String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(random.nextInt(10) == 0 ? frames[zipf()] : WORDS[random.nextInt(WORDS.length)]);
        }
        return sb.toString();
    }

    private static String two(long v) {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static Writer writer(Path f) throws IOException {
        return new BufferedWriter(Files.newBufferedWriter(f, StandardCharsets.UTF_8), 1 << 16);
    }
}
