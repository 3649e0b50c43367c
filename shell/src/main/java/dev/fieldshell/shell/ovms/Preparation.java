package dev.fieldshell.shell.ovms;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plan made concrete for one module: what the module looks like now, the command lines for its
 * firmware (or why the plan cannot be carried there), and the diff. Nothing has been sent yet.
 * {@code dirsAbsent} are the directories the plan may create ({@link Plan#directoriesItMayCreate})
 * that did not exist when the module was read.
 */
public record Preparation(
        String target,
        Optional<FirmwareVersion> firmware,
        Plan plan,
        Map<String, FileState> filesBefore,
        Map<ConfigKey, Optional<String>> configBefore,
        List<String> dirsAbsent,
        PlanRenderer.Rendering rendering,
        String diff,
        boolean changesNothing) {

    public boolean refused() {
        return rendering instanceof PlanRenderer.Rendering.Refused;
    }

    /** The OVMS lines as a user would type them, or the refusal as one line. */
    public List<String> lines() {
        return switch (rendering) {
            case PlanRenderer.Rendering.Ok ok -> ok.lines();
            case PlanRenderer.Rendering.Refused r -> List.of("# refused: step " + (r.index() + 1) + " (" + r.step().describe() + "): " + r.reason());
        };
    }

    public String firmwareText() {
        return firmware.map(FirmwareVersion::toString).orElse("unknown");
    }
}
