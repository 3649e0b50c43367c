package dev.fieldshell.shell.ovms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanRendererTest {

    private final PlanRenderer renderer = new PlanRenderer();

    private static PlanRenderer.Target fw(String v, boolean upload) {
        return new PlanRenderer.Target(FirmwareVersion.parse(v), upload);
    }

    private static final Plan SEED = new Plan("heapcheck", List.of(
            new Step.WriteFile("/store/events/usr.check.heap/00-checkheap", "module check alert\n"),
            new Step.WriteFile("/store/events/server.v2.stopped/90-checkheap", "event raise -d5000 usr.check.heap\n"),
            new Step.WriteFile("/store/events/server.v3.stopped/90-checkheap", "event raise -d5000 usr.check.heap\n")));

    @Test
    void seedThreadLinesOn3_3_006() {
        var r = (PlanRenderer.Rendering.Ok) renderer.render(SEED, fw("3.3.006-259-g1aa1daff1/ota_0/edge", false));
        assertThat(r.lines()).containsExactly(
                "vfs echo \"module check alert\" /store/events/usr.check.heap/00-checkheap",
                "vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v2.stopped/90-checkheap",
                "vfs echo \"event raise -d5000 usr.check.heap\" /store/events/server.v3.stopped/90-checkheap");
    }

    @Test
    void olderFirmwareUsesMkdirRmAppend() {
        var r = (PlanRenderer.Rendering.Ok) renderer.render(SEED, fw("3.3.005", false));
        assertThat(r.steps().get(0).lines()).containsExactly(
                "vfs mkdir -p /store/events/usr.check.heap",
                "vfs rm /store/events/usr.check.heap/00-checkheap",
                "vfs append \"module check alert\" /store/events/usr.check.heap/00-checkheap");
        // Unknown firmware takes the way that works everywhere.
        var u = (PlanRenderer.Rendering.Ok) renderer.render(SEED, new PlanRenderer.Target(Optional.empty(), false));
        assertThat(u.lines()).noneMatch(l -> l.startsWith("vfs echo"));
    }

    @Test
    void multiLineFilesEchoThenAppend() {
        Plan p = new Plan("t", List.of(new Step.WriteFile("/store/a b/f", "one\ntwo words\n")));
        var r = (PlanRenderer.Rendering.Ok) renderer.render(p, fw("3.3.006", false));
        assertThat(r.lines()).containsExactly("vfs echo one \"/store/a b/f\"", "vfs append \"two words\" \"/store/a b/f\"");
    }

    @Test
    void uncarriableContentGoesByScpOrIsRefused() {
        Plan p = new Plan("t", List.of(new Step.WriteFile("/store/f", "it's \"both\"\n")));
        assertThat(renderer.render(p, fw("3.3.006", false))).isInstanceOfSatisfying(PlanRenderer.Rendering.Refused.class,
                r -> assertThat(r.reason()).contains("both quote kinds").contains("cannot upload"));
        var up = (PlanRenderer.Rendering.Ok) renderer.render(p, fw("3.3.006", true));
        assertThat(up.steps().get(0).actions()).last().isEqualTo(new Action.Upload("/store/f", "it's \"both\"\n"));
        Plan noNewline = new Plan("t", List.of(new Step.WriteFile("/store/f", "x")));
        assertThat(renderer.render(noNewline, fw("3.3.006", false))).isInstanceOf(PlanRenderer.Rendering.Refused.class);
    }

    @Test
    void refusesDangerousPathsAndMissingCommands() {
        assertThat(renderer.render(new Plan("t", List.of(new Step.RemoveFile("/store/events/x/*"))), fw("3.3.006", false)))
                .isInstanceOfSatisfying(PlanRenderer.Rendering.Refused.class, r -> assertThat(r.reason()).contains("wildcard"));
        assertThat(renderer.render(new Plan("t", List.of(new Step.WriteFile("/store/ovms_config/x", "a\n"))), fw("3.3.006", false)))
                .isInstanceOfSatisfying(PlanRenderer.Rendering.Refused.class, r -> assertThat(r.reason()).contains("protected"));
        assertThat(renderer.render(new Plan("t", List.of(new Step.RunCommand("module check alert"))), fw("3.3.005", false)))
                .isInstanceOfSatisfying(PlanRenderer.Rendering.Refused.class, r -> assertThat(r.reason()).contains("needs firmware 3.3.006"));
    }

    @Test
    void eventsAndConfig() {
        Plan p = new Plan("t", List.of(new Step.RaiseEvent("usr.check.heap", 5000), new Step.SetConfig("module", "debug.heap.alert", "yes")));
        var r = (PlanRenderer.Rendering.Ok) renderer.render(p, fw("3.3.006", false));
        assertThat(r.lines()).containsExactly("event raise -d5000 usr.check.heap", "config set module debug.heap.alert yes");
    }

    @Test
    void diffShowsNewFilesAndChanges() {
        Plan p = new Plan("t", List.of(new Step.WriteFile("/store/f", "a\nc\n")));
        String d = PlanDiff.render(p, java.util.Map.of("/store/f", FileState.of("a\nb\n")), java.util.Map.of());
        assertThat(d).isEqualTo("--- /store/f\n+++ /store/f\n a\n-b\n+c\n");
        assertThat(PlanDiff.render(p, java.util.Map.of("/store/f", FileState.ABSENT), java.util.Map.of()))
                .isEqualTo("--- /dev/null\n+++ /store/f\n+a\n+c\n");
    }
}
