package dev.fieldshell.kb.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.kb.index.DocType;
import dev.fieldshell.kb.index.KbDocument;
import dev.fieldshell.kb.index.KnowledgeBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashLogImportTest {
    @TempDir
    Path tmp;

    @Test
    void debugCrashExportAndSerialCaptureBecomeNumberedCrashDocuments() throws Exception {
        Path export = tmp.resolve("debugcrash-export.txt");
        Files.writeString(export, """
                2021-01-15 09:24:51 | *-OVM-DebugCrash | 3.2.015-437-g56ef187d-dirty/ota_0/main (build idf v3.3.4-845-gd59ed8bba-dirty Jan 12 2021 17:13:39),5,Crash,12,12,2,0,abort(),0,,0x4008e57e 0x4008e819 0x400e7558 0x4008405a ,6,Task watchdog,,,0,IDLE1
                2021-01-16 10:00:00 | *-OVM-DebugCrash | 3.2.015-437-g56ef187d-dirty/ota_0/main (build idf v3.3.4-845-gd59ed8bba-dirty Jan 12 2021 17:13:39),6,Crash,12,12,3,0,abort(),0,,0x4008e57e 0x4008e819 0x400e7558 0x4008405a ,6,Task watchdog,,,0,IDLE1
                """);
        Path capture = tmp.resolve("serial.log");
        Files.writeString(capture, """
                I (746153) ovms-server-v2: Status: Connecting...
                Guru Meditation Error: Core  1 panic'ed (LoadProhibited). Exception was unhandled.
                Core 1 register dump:
                PC      : 0x4015d82a  PS      : 0x00060f30  A0      : 0x8015e0b1  A1      : 0x3ffd2a10
                EXCVADDR: 0x00000010  LBEG    : 0x4000c2e0  LEND    : 0x4000c2f6  LCOUNT  : 0xffffffff

                Backtrace: 0x4015d82a:0x3ffd2a10 0x4015e0ae:0x3ffd2a40 0x40162f15:0x3ffd2a70

                0x4015d82a is in mg_send (components/mongoose/mongoose/mongoose.c:2776).
                0x4015e0ae is in mg_mgr_poll (components/mongoose/mongoose/mongoose.c:3021).
                Rebooting...
                """);
        try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
            IngestSummary s = new Ingestor(kb, ImportLimits.DEFAULT).ingest(List.of(export.toString(), capture.toString()));
            assertThat(s.rejected()).isZero();
            assertThat(s.added()).isEqualTo(3);
            KbDocument first = kb.get("crash:debugcrash-export.txt#1").orElseThrow();
            assertThat(first.type()).isEqualTo(DocType.CRASH);
            assertThat(first.date()).isEqualTo("2021-01-15T09:24:51Z");
            assertThat(first.crashes()).hasSize(1);
            assertThat(first.crashes().get(0).frames()).extracting(f -> f.address()).contains(0x4008e57eL);
            assertThat(kb.get("crash:debugcrash-export.txt#2").orElseThrow().date()).isEqualTo("2021-01-16T10:00:00Z");
            KbDocument panic = kb.get("crash:serial.log#1").orElseThrow();
            assertThat(panic.crashes().get(0).exception()).isEqualTo("LoadProhibited");
            assertThat(panic.title()).startsWith("LoadProhibited in mg_send");
            assertThat(panic.signatures()).anyMatch(sig -> sig.contains("mg_send"));
            assertThat(panic.components()).contains("mongoose");
            assertThat(kb.search("exception:LoadProhibited AND type:crash", 5)).extracting(h -> h.id()).containsExactly("crash:serial.log#1");
        }
    }
}
