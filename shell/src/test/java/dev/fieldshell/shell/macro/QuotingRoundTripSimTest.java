package dev.fieldshell.shell.macro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fieldshell.shell.link.CommandResult;
import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleInfo;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.ApplyReport;
import dev.fieldshell.shell.ovms.FirmwareVersion;
import dev.fieldshell.shell.ovms.PlanRenderer;
import dev.fieldshell.shell.ovms.Plan;
import dev.fieldshell.shell.ovms.PlanApplier;
import dev.fieldshell.shell.ovms.Preparation;
import dev.fieldshell.shell.ovms.Step;
import dev.fieldshell.shell.ovms.UndoJournal;
import dev.fieldshell.shell.sim.SimulatedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Property: for thousands of generated texts, what a plan writes is what {@code vfs cat} reads back
 * and what the simulator's store holds, byte for byte, or the plan is refused before anything is
 * sent. The texts go through the simulator's console (its line editor, the module's tokenizer and
 * its vfs commands), on old and new firmware, with and without scp.
 */
class QuotingRoundTripSimTest extends SimFixtureTest {

    /** Lines of quotes, spaces, leading quotes, long runs, and now and then non-ASCII or control characters. */
    static String text(Random rnd) {
        String[] common = {"a", "b", " ", "  ", "\"", "'", "-d5000", "x'y", "\"q\"", "\\", "\\n", "#", "$", "%", ";", "event raise", "*", "?"};
        String[] exotic = {"é", "Grüße", "→", "€", "\t", "\u0001", "\u007f"};
        int lines = 1 + (rnd.nextInt(10) == 0 ? rnd.nextInt(3) : 0);
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < lines; l++) {
            int n = rnd.nextInt(10) == 0 ? 150 + rnd.nextInt(120) : rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                sb.append(rnd.nextInt(40) == 0 ? exotic[rnd.nextInt(exotic.length)] : common[rnd.nextInt(common.length)]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Test
    void consoleOnlyRoundTripOrRefusalOnBothFirmwares() throws Exception {
        int carried = 0;
        int refused = 0;
        PlanRenderer renderer = new PlanRenderer();
        for (String fw : List.of(SimFixture.FW_3_3_006, SimFixture.FW_3_3_005)) {
            SimulatedModule m = fx.start("q" + fw.substring(0, 7), fw);
            CountingLink link = new CountingLink(m.link(), false);
            PlanApplier applier = new PlanApplier(new UndoJournal(tmp.resolve("journal")));
            Random rnd = new Random(fw.hashCode());
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String content = text(rnd);
                String path = "/store/events/usr.q/" + batch.size() + "-t";
                Plan single = new Plan("q", List.of(new Step.WriteFile(path, content)));
                if (renderer.render(single, new PlanRenderer.Target(FirmwareVersion.parse(fw), false)) instanceof PlanRenderer.Rendering.Refused) {
                    int before = link.changes;
                    ApplyReport r = applier.apply(link, applier.prepare("q", link, single));
                    assertThat(r.outcome()).isEqualTo(ApplyReport.Outcome.REFUSED);
                    assertThat(r.message()).startsWith("refused before sending anything");
                    assertThat(link.changes).as("a refused plan sent something: %s", r.message()).isEqualTo(before);
                    refused++;
                    continue;
                }
                batch.add(content);
                if (batch.size() == 40 || i == 999) {
                    carried += writeAndReadBack(m, link, applier, batch);
                    batch.clear();
                }
            }
        }
        assertThat(carried).isGreaterThan(1200);
        assertThat(refused).isGreaterThan(120);
    }

    /** Writes each text to its own file in one plan, then reads every file back by vfs cat and from the store. */
    private static int writeAndReadBack(SimulatedModule m, ModuleLink link, PlanApplier applier, List<String> texts) throws Exception {
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < texts.size(); k++) {
            steps.add(new Step.WriteFile("/store/events/usr.q/" + k + "-t", texts.get(k)));
        }
        ApplyReport r = applier.apply(link, applier.prepare("q", link, new Plan("q", steps)));
        assertThat(r.outcome()).as("%s", r.describe()).isIn(ApplyReport.Outcome.APPLIED, ApplyReport.Outcome.UNCHANGED);
        for (int k = 0; k < texts.size(); k++) {
            String path = "/store/events/usr.q/" + k + "-t";
            assertThat(link.run("vfs cat " + path).output()).isEqualTo(texts.get(k));
            assertThat(Files.readAllBytes(m.storeDir().resolve(path.substring("/store/".length()))))
                    .isEqualTo(texts.get(k).getBytes(StandardCharsets.UTF_8));
        }
        return texts.size();
    }

    @Test
    void withScpEveryTextArrivesExactly() throws Exception {
        SimulatedModule m = fx.start("scp", SimFixture.FW_3_3_006);
        ModuleLink link = m.link();
        PlanApplier applier = new PlanApplier(new UndoJournal(tmp.resolve("journal")));
        Random rnd = new Random(7);
        int uploads = 0;
        for (int i = 0; i < 80; i++) {
            String content = rnd.nextBoolean() ? text(rnd) : text(rnd) + "it's \"both\" Grüße\n";
            String path = "/store/events/usr.s/" + (i % 5) + "-t";
            Preparation prep = applier.prepare("s", link, new Plan("s", List.of(new Step.WriteFile(path, content))));
            if (prep.lines().stream().anyMatch(l -> l.startsWith("# scp upload"))) {
                uploads++;
            }
            ApplyReport r = applier.apply(link, prep);
            assertThat(r.outcome()).as("%s", r.message()).isIn(ApplyReport.Outcome.APPLIED, ApplyReport.Outcome.UNCHANGED);
            assertThat(Files.readAllBytes(m.storeDir().resolve(path.substring("/store/".length()))))
                    .isEqualTo(content.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(uploads).isGreaterThan(25);
    }

    /** A link that counts the commands that change something (anything but stat, cat, ls, config list) and can hide its scp. */
    static final class CountingLink implements ModuleLink {
        final ModuleLink inner;
        final boolean upload;
        int changes;

        CountingLink(ModuleLink inner, boolean upload) {
            this.inner = inner;
            this.upload = upload;
        }

        public String target() { return inner.target(); }
        public ModuleInfo info() { return inner.info(); }

        public CommandResult run(String commandLine) throws LinkException {
            if (!(commandLine.startsWith("vfs stat ") || commandLine.startsWith("vfs cat ") || commandLine.startsWith("vfs ls ")
                    || commandLine.startsWith("config list "))) {
                changes++;
            }
            return inner.run(commandLine);
        }

        public CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException { return inner.stream(commandLine, sink); }
        public void interrupt() { inner.interrupt(); }
        public boolean canUpload() { return upload; }
        public void upload(String path, byte[] content) throws LinkException {
            changes++;
            inner.upload(path, content);
        }
        public void close() { inner.close(); }
    }

}
