package dev.fieldshell.kb.heap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds two capture windows to seed 003's JSON schema, as described there: an {@code esp_crt_*} chain
 * that leaves the same nine fragments (2/3/12/16/24/32/45/81/168 B) on every TLS handshake, and HTTP
 * client and pbuf allocations that are live only because the window closed while a session was open.
 * CCOUNT runs at 240 MHz and wraps every 17.9 s, as on the device.
 *
 * <p>The same three files are committed under {@code kb/src/test/resources/heap/seed003/} as the
 * README's {@code heap compare} example inputs ({@link Seed003FilesTest} keeps them equal to what
 * this class writes). To regenerate them after changing this class, from the repository root:
 * <pre>
 * mvn -o -q -pl kb -am test-compile
 * mvn -o -q -pl kb dependency:build-classpath -Dmdep.outputFile=/tmp/kb.cp
 * java -cp kb/target/test-classes:kb/target/classes:$(cat /tmp/kb.cp) dev.fieldshell.kb.heap.Seed003Dumps kb/src/test/resources/heap/seed003
 * </pre>
 */
public final class Seed003Dumps {
    static final long[] FINGERPRINT = {168, 12, 45, 2, 81, 16, 3, 32, 24};
    static final long CLOCK = 240_000_000L;

    // ESP32-S3 addresses: IRAM 0x4037xxxx, flash code 0x42xxxxxx (crash-formats.md §1.7)
    static final long HEAP_CAPS_MALLOC_DEFAULT = 0x40377c3eL;
    static final long CALLOC = 0x4037a1b6L;
    static final long MBEDTLS_CALLOC = 0x420c3e52L;
    static final long COPY_ASN1_440 = 0x420c9a31L;
    static final long COPY_ASN1_448 = 0x420c9a6bL;
    static final long CA_CB_CALLBACK = 0x420c9b20L;
    static final long VERIFY_CHAIN = 0x420d41f6L;
    static final long HTTP_INIT = 0x420a1150L;
    static final long HTTP_SET_URL = 0x420a1744L;
    static final long HTTP_HEADER_NEW = 0x420a3d0eL;
    static final long HTTP_HEADER_SET = 0x420a3e91L;
    static final long SSL_SET_HOSTNAME = 0x420c6f83L;
    static final long TRANSPORT_INIT = 0x420b0a2cL;
    static final long TRANSPORT_SSL_INIT = 0x420b1c48L;
    static final long PBUF_ALLOC = 0x42031e6dL;
    static final long TCP_INPUT = 0x4203c4a9L;
    static final long FETCH_PRICES = 0x42008f14L;
    static final long DATA_TASK = 0x42009320L;

    private record Rec(long sz, long addr, long cc, long[] pcs) {}

    private final List<Rec> recs = new ArrayList<>();
    private final Random rnd;
    private final long startCc;
    private long nextAddr = 0x3fca1000L;

    private Seed003Dumps(long seed, long startCc) {
        this.rnd = new Random(seed);
        this.startCc = startCc;
    }

    /** Writes window_90s.json, window_600s.json and symbols.txt into the directory given as the one argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Seed003Dumps DIR  (writes window_90s.json, window_600s.json and symbols.txt there)");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        writeBoth(dir);
        System.out.println("wrote window_90s.json, window_600s.json and symbols.txt to " + dir);
    }

    static void writeBoth(Path dir) throws IOException {
        write(dir.resolve("window_90s.json"), window90());
        write(dir.resolve("window_600s.json"), window600());
        Files.writeString(dir.resolve("symbols.txt"), symbols());
    }

    static String window90() {
        Seed003Dumps d = new Seed003Dumps(90, 0x6a3f1c20L);
        d.handshake(10.2);
        d.handshake(55.7);
        for (int i = 0; i < 8; i++) {
            d.pbuf(85.0 + i * 0.5, i % 2 == 0 ? 1616 : 542);
        }
        return d.json(256);
    }

    static String window600() {
        Seed003Dumps d = new Seed003Dumps(600, 0x1d05e994L);
        for (int h = 0; h < 9; h++) {
            d.handshake(20.0 + h * 64.0 + h * 0.37);
        }
        // an HTTP session that was still open when tracing stopped
        double t = 588.0;
        d.add(t, 536, HTTP_INIT, FETCH_PRICES);
        d.add(t + 0.001, 8, HTTP_INIT, FETCH_PRICES);
        d.add(t + 0.002, 37, HTTP_SET_URL, HTTP_INIT);
        d.add(t + 0.003, 21, HTTP_SET_URL, HTTP_INIT);
        d.add(t + 0.004, 16, HTTP_HEADER_NEW, HTTP_INIT);
        d.add(t + 0.005, 24, HTTP_HEADER_SET, HTTP_SET_URL);
        d.add(t + 0.006, 12, HTTP_HEADER_SET, HTTP_SET_URL);
        d.add(t + 0.007, 19, HTTP_HEADER_SET, HTTP_SET_URL);
        d.add(t + 0.008, 30, HTTP_HEADER_SET, HTTP_SET_URL);
        d.add(t + 0.200, 20, SSL_SET_HOSTNAME, TRANSPORT_SSL_INIT);
        d.add(t + 0.010, 36, TRANSPORT_INIT, HTTP_INIT);
        d.add(t + 0.011, 44, TRANSPORT_SSL_INIT, HTTP_INIT);
        d.add(t + 0.012, 28, TRANSPORT_INIT, HTTP_INIT);
        for (int i = 0; i < 13; i++) {
            d.pbuf(589.0 + i * 0.7, i % 3 == 0 ? 542 : 1616);
        }
        return d.json(256);
    }

    private void handshake(double t) {
        for (int i = 0; i < FINGERPRINT.length; i++) {
            long site = i % 3 == 2 ? COPY_ASN1_448 : COPY_ASN1_440;
            recs.add(new Rec(FINGERPRINT[i], addr(FINGERPRINT[i]), cc(t + i * 0.0004 + rnd.nextInt(50) * 1e-6),
                    new long[] {CALLOC, MBEDTLS_CALLOC, site, CA_CB_CALLBACK}));
        }
    }

    private void pbuf(double t, long size) {
        recs.add(new Rec(size, addr(size), cc(t), new long[] {HEAP_CAPS_MALLOC_DEFAULT, PBUF_ALLOC, TCP_INPUT, 0}));
    }

    private void add(double t, long size, long fn, long parent) {
        recs.add(new Rec(size, addr(size), cc(t), new long[] {CALLOC, fn, parent, DATA_TASK}));
    }

    private long cc(double t) {
        return (startCc + Math.round(t * CLOCK)) & 0xffffffffL & ~3L;
    }

    private long addr(long size) {
        long a = nextAddr;
        nextAddr += (size + 15) & ~7L;
        return a;
    }

    private String json(int capacity) {
        recs.sort((a, b) -> 0); // keep allocation order: heap_trace keeps records in the order they were made
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"count\": ").append(recs.size()).append(",\n  \"capacity\": ").append(capacity)
                .append(",\n  \"leaks\": [\n");
        for (int i = 0; i < recs.size(); i++) {
            Rec r = recs.get(i);
            sb.append(String.format(Locale.ROOT, "    {\"sz\": %d, \"addr\": \"0x%08x\", \"cc\": %d, \"pcs\": [", r.sz, r.addr, r.cc));
            for (int j = 0; j < r.pcs.length; j++) {
                sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"0x%08x\"", r.pcs[j]));
            }
            sb.append("]}").append(i + 1 < recs.size() ? ",\n" : "\n");
        }
        return sb.append("  ]\n}\n").toString();
    }

    static String symbols() {
        return String.join("\n",
                "0x40377c3e: heap_caps_malloc_default at /esp-idf/components/heap/heap_caps.c:120",
                "0x4037a1b6: calloc at /esp-idf/components/esp_libc/src/heap.c:46",
                "0x420c3e52: mbedtls_calloc at /esp-idf/components/mbedtls/mbedtls/library/platform.c:50",
                "0x420c9a31: esp_crt_copy_asn1 at /esp-idf/components/mbedtls/esp_crt_bundle/esp_crt_bundle.c:440",
                "0x420c9a6b: esp_crt_copy_asn1 at /esp-idf/components/mbedtls/esp_crt_bundle/esp_crt_bundle.c:448",
                "0x420c9b20: esp_crt_ca_cb_callback at /esp-idf/components/mbedtls/esp_crt_bundle/esp_crt_bundle.c:489",
                "0x420d41f6: x509_crt_verify_chain at /esp-idf/components/mbedtls/mbedtls/library/x509_crt.c:2578",
                "0x420a1150: esp_http_client_init at /esp-idf/components/esp_http_client/esp_http_client.c:655",
                "0x420a1744: esp_http_client_set_url at /esp-idf/components/esp_http_client/esp_http_client.c:1004",
                "0x420a3d0e: http_header_new at /esp-idf/components/esp_http_client/lib/http_header.c:38",
                "0x420a3e91: http_header_set at /esp-idf/components/esp_http_client/lib/http_header.c:112",
                "0x420c6f83: mbedtls_ssl_set_hostname at /esp-idf/components/mbedtls/mbedtls/library/ssl_tls.c:2543",
                "0x420b0a2c: esp_transport_init at /esp-idf/components/tcp_transport/transport.c:60",
                "0x420b1c48: esp_transport_ssl_init at /esp-idf/components/tcp_transport/transport_ssl.c:521",
                "0x42031e6d: pbuf_alloc at /esp-idf/components/lwip/lwip/src/core/pbuf.c:285",
                "0x4203c4a9: tcp_input at /esp-idf/components/lwip/lwip/src/core/tcp_in.c:420",
                "0x42008f14: data_source_fetch at /project/main/data_source.cpp:214",
                "0x42009320: data_source_task at /project/main/data_source.cpp:301",
                "");
    }

    private static void write(Path p, String s) throws IOException {
        Files.writeString(p, s);
    }
}
