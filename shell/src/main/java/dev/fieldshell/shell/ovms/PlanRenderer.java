package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a {@link Plan} into the exact command lines for one target's firmware. Pure: no I/O.
 *
 * <p>A file is written with {@code vfs echo} (first line) and {@code vfs append} (further lines)
 * on 3.3.006 and later. Older firmware has no {@code vfs echo}, so there the directory is created
 * with {@code vfs mkdir -p}, the old file removed with {@code vfs rm} (which answers
 * {@code Error: Could not delete VFS file} when there was none: accepted, the read-back proves the
 * result) and every line appended. Unknown firmware gets the old way, which works on both.
 * A content the console cannot carry (both quote kinds with a space, non-ASCII, control
 * characters, no final newline, an empty file, an over-long line) goes up by scp when the link
 * can upload; otherwise the whole plan is refused before anything is sent.
 */
public final class PlanRenderer {

    private final FeatureTable features;

    public PlanRenderer(FeatureTable features) {
        this.features = features;
    }

    public PlanRenderer() {
        this(FeatureTable.bundled());
    }

    /** The target as far as rendering cares. */
    public record Target(Optional<FirmwareVersion> firmware, boolean canUpload) {}

    /** A step and the actions that carry it out. */
    public record RenderedStep(Step step, List<Action> actions) {
        /** The actions as the lines a user would type ({@code # scp} lines for uploads). */
        public List<String> lines() {
            return actions.stream().map(a -> switch (a) {
                case Action.Send s -> s.line();
                case Action.Upload u -> "# scp upload " + u.content().length() + " bytes to " + u.path();
            }).toList();
        }
    }

    public sealed interface Rendering {
        record Ok(List<RenderedStep> steps) implements Rendering {
            public List<String> lines() {
                return steps.stream().flatMap(s -> s.lines().stream()).toList();
            }
        }

        /** Nothing may be sent: step {@code index} (0-based) cannot be carried to this target. */
        record Refused(int index, Step step, String reason) implements Rendering {}
    }

    public Rendering render(Plan plan, Target target) {
        List<RenderedStep> out = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            try {
                out.add(new RenderedStep(step, render(step, target)));
            } catch (CannotRender e) {
                return new Rendering.Refused(i, step, e.getMessage());
            }
        }
        return new Rendering.Ok(List.copyOf(out));
    }

    private static final class CannotRender extends Exception {
        CannotRender(String message) {
            super(message, null, false, false);
        }
    }

    private List<Action> render(Step step, Target target) throws CannotRender {
        return switch (step) {
            case Step.WriteFile w -> writeFile(w, target);
            case Step.AppendLine a -> {
                checkPath(a.path());
                yield List.of(send(Action.Expect.SILENT, "vfs append", a.line(), a.path()));
            }
            case Step.RemoveFile r -> {
                checkPath(r.path());
                yield List.of(send(Action.Expect.oneOf("VFS File deleted", "Error: Could not delete VFS file"), "vfs rm", r.path()));
            }
            case Step.MakeDir m -> List.of(mkdir(m.path()));
            // Plain 'vfs rmdir <path>' is in every firmware the console reference covers (only -r came
            // later), so no feature check. The error is accepted like vfs rm's: a resent rmdir finds
            // the directory gone, and the read-back says whether it is.
            case Step.RemoveDir d -> List.of(send(Action.Expect.oneOf("VFS directory removed", "Error: Could not remove VFS directory"), "vfs rmdir", d.path()));
            case Step.RaiseEvent e -> {
                if (e.delayMs() < 0) {
                    throw new CannotRender("negative delay " + e.delayMs() + " ms for event " + e.event());
                }
                String words = e.delayMs() > 0 ? "event raise -d" + e.delayMs() : "event raise";
                yield List.of(send(Action.Expect.oneOf("Raising event"), words, e.event()));
            }
            case Step.SetConfig c -> List.of(send(Action.Expect.oneOf("Parameter has been set."), "config set", c.param(), c.instance(), c.value()));
            case Step.RemoveConfig c -> List.of(send(Action.Expect.NO_ERROR, "config rm", c.param(), c.instance()));
            case Step.RunCommand r -> switch (Tokenizer.split(r.commandLine())) {
                case Tokenizer.Split.Refused ref -> throw new CannotRender("'" + Quoting.abbreviate(r.commandLine()) + "' at offset " + ref.offset() + ": " + ref.reason());
                case Tokenizer.Split.Tokens t when t.tokens().isEmpty() -> throw new CannotRender("empty command");
                case Tokenizer.Split.Tokens t -> {
                    Optional<Feature> missing = target.firmware().flatMap(fw -> features.missingFor(fw, t.tokens()));
                    if (missing.isPresent()) {
                        throw new CannotRender("'" + String.join(" ", missing.get().command()) + "' needs firmware "
                                + missing.get().since().release() + " or later; the target runs " + target.firmware().get().release());
                    }
                    yield List.of(new Action.Send(r.commandLine(), Action.Expect.NO_ERROR));
                }
            };
        };
    }

    private List<Action> writeFile(Step.WriteFile w, Target target) throws CannotRender {
        checkPath(w.path());
        boolean echo = target.firmware().map(fw -> features.has(fw, FeatureTable.VFS_ECHO)).orElse(false);
        Optional<String> consoleProblem = consoleProblem(w, echo);
        if (consoleProblem.isPresent()) {
            if (!target.canUpload()) {
                throw new CannotRender(w.path() + ": " + consoleProblem.get() + ", and this link cannot upload files (scp)");
            }
            return List.of(mkdir(VfsPath.parent(w.path())), new Action.Upload(w.path(), w.content()));
        }
        List<String> lines = contentLines(w.content());
        List<Action> out = new ArrayList<>();
        if (echo) {
            out.add(send(Action.Expect.SILENT, "vfs echo", lines.get(0), w.path()));
        } else {
            out.add(mkdir(VfsPath.parent(w.path())));
            out.add(send(Action.Expect.oneOf("VFS File deleted", "Error: Could not delete VFS file"), "vfs rm", w.path()));
            out.add(send(Action.Expect.SILENT, "vfs append", lines.get(0), w.path()));
        }
        for (String l : lines.subList(1, lines.size())) {
            out.add(send(Action.Expect.SILENT, "vfs append", l, w.path()));
        }
        return out;
    }

    /** Why a content cannot be written through the console, or empty when it can. */
    private static Optional<String> consoleProblem(Step.WriteFile w, boolean echo) {
        String c = w.content();
        if (c.isEmpty()) {
            return Optional.of("an empty file cannot be written by vfs echo/append (they always add a newline)");
        }
        if (!c.endsWith("\n")) {
            return Optional.of("the content does not end with a newline, and vfs echo/append always add one");
        }
        List<String> lines = contentLines(c);
        for (int i = 0; i < lines.size(); i++) {
            String verb = i == 0 && echo ? "vfs echo" : "vfs append";
            if (Quoting.line(verb, lines.get(i), w.path()) instanceof Quoting.Line.Refused r) {
                return Optional.of("line " + (i + 1) + ": " + r.reason());
            }
        }
        return Optional.empty();
    }

    private static List<String> contentLines(String content) {
        return List.of(content.substring(0, content.length() - 1).split("\n", -1));
    }

    private static Action mkdir(String dir) throws CannotRender {
        // 'vfs mkdir -p' on an existing directory is harmless; either answer is fine and the
        // following write proves the directory is there.
        return send(Action.Expect.oneOf("VFS directory created", "Error: Could not create VFS directory"), "vfs mkdir -p", dir);
    }

    private static void checkPath(String path) throws CannotRender {
        Optional<String> p = VfsPath.problem(path);
        if (p.isPresent()) {
            throw new CannotRender(p.get());
        }
    }

    private static Action.Send send(Action.Expect expect, String words, String... args) throws CannotRender {
        return switch (Quoting.line(words, args)) {
            case Quoting.Line.Ok ok -> new Action.Send(ok.line(), expect);
            case Quoting.Line.Refused r -> throw new CannotRender(r.reason());
        };
    }
}
