package dev.fieldshell.kb.signature;

import dev.fieldshell.kb.crash.CrashKind;
import dev.fieldshell.kb.crash.CrashReport;
import dev.fieldshell.kb.crash.Frame;
import dev.fieldshell.kb.signature.Decision.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Socorro-style signatures for ESP32 crashes: a head naming the kind of crash, then frames of the
 * crashing backtrace after irrelevant frames are skipped and allocator/lock/helper frames are kept
 * only as prefixes, until {@code frames.normal} ordinary frames are named. Rules and conventions
 * are data: {@code src/main/resources/dev/fieldshell/kb/signature/} and its README. Pure.
 */
public final class SignatureGenerator {

    private static final SignatureGenerator STANDARD = new SignatureGenerator(FrameClassifier.standard(), loadSettings());

    private final FrameClassifier classifier;
    private final Properties settings;
    private final int normalFrames;
    private final int consideredFrames;
    private final int maxLength;
    private final int addressFrames;

    public SignatureGenerator(FrameClassifier classifier, Properties settings) {
        this.classifier = classifier;
        this.settings = settings;
        this.normalFrames = intSetting("frames.normal", 2);
        this.consideredFrames = intSetting("frames.considered", 40);
        this.maxLength = intSetting("signature.maxLength", 255);
        this.addressFrames = intSetting("address.frames", 5);
    }

    /** The generator with the shipped rules. */
    public static SignatureGenerator standard() {
        return STANDARD;
    }

    public FrameClassifier classifier() {
        return classifier;
    }

    public Signature generate(CrashReport report) {
        String head = head(report);
        List<Decision> decisions = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        if (!head.isEmpty()) {
            parts.add(head);
        }
        if (report.kind() == CrashKind.HEAP_CORRUPTION && report.heapCorruption().isPresent()
                && !report.heapCorruption().get().problem().isEmpty()) {
            parts.add(report.heapCorruption().get().problem());
        }
        List<Frame> frames = report.frames();
        boolean anySymbol = frames.stream().anyMatch(Frame::hasFunction);
        if (!anySymbol) {
            String fromMessage = AssertMessage.function(report.detail());
            if (!fromMessage.isEmpty()) {
                frames = List.of(Frame.named(0, fromMessage));
            }
        }
        walk(frames, anySymbol, decisions, parts);
        String text = String.join(Signature.SEPARATOR, parts);
        if (text.isEmpty()) {
            text = "EMPTY: no frame data available";
        }
        if (text.length() > maxLength) {
            text = text.substring(0, maxLength - 3) + "...";
        }
        return new Signature(text, addressSignature(report, head), decisions);
    }

    private void walk(List<Frame> frames, boolean fromBacktrace, List<Decision> decisions, List<String> parts) {
        int limit = Math.min(frames.size(), consideredFrames);
        int sentinel = -1;
        for (int i = 0; i < limit && sentinel < 0; i++) {
            if (frames.get(i).hasFunction()
                    && classifier.classify(frames.get(i).function()).frameClass() == FrameClass.SENTINEL) {
                sentinel = i;
            }
        }
        int named = 0;
        String previous = null;
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            int index = fromBacktrace ? i : -1;
            String norm = FrameNormalizer.normalize(f.function());
            if (named >= normalFrames || i >= limit) {
                decisions.add(new Decision(index, f.address(), f.function(), norm, Action.NOT_REACHED, ""));
                continue;
            }
            if (i < sentinel) {
                decisions.add(new Decision(index, f.address(), f.function(), norm, Action.SKIPPED_ABOVE_SENTINEL, ""));
                continue;
            }
            if (norm.isEmpty()) {
                decisions.add(new Decision(index, f.address(), f.function(), norm, Action.SKIPPED_NO_SYMBOL, ""));
                continue;
            }
            FrameClassifier.Verdict v = classifier.classify(norm);
            if (v.frameClass() == FrameClass.IRRELEVANT) {
                decisions.add(new Decision(index, f.address(), f.function(), norm, Action.SKIPPED_IRRELEVANT, v.rule()));
                continue;
            }
            if (norm.equals(previous)) {
                decisions.add(new Decision(index, f.address(), f.function(), norm, Action.SKIPPED_REPEAT, ""));
                continue;
            }
            previous = norm;
            parts.add(norm);
            switch (v.frameClass()) {
                case ALLOCATOR, LOCK, PREFIX -> decisions.add(new Decision(index, f.address(), f.function(), norm, Action.PREFIX, v.rule()));
                case SENTINEL -> {
                    decisions.add(new Decision(index, f.address(), f.function(), norm, Action.KEPT, v.rule()));
                    named++;
                }
                default -> {
                    decisions.add(new Decision(index, f.address(), f.function(), norm, Action.KEPT,
                            index < 0 ? "named by the crash message" : ""));
                    named++;
                }
            }
        }
    }

    /** The first part of a signature: the exception name, or the crash kind's word from signature.properties. */
    String head(CrashReport r) {
        String base;
        if (r.kind() == CrashKind.EXCEPTION || r.kind() == CrashKind.OTHER) {
            // whole: the panic reasons that end in "exception" (Double, Unhandled kernel, Coprocessor) need the word;
            // boot status's "<name> exception on core N" arrives without it already
            base = r.exception();
        } else {
            base = settings.getProperty("head." + r.kind().name(), r.kind().name());
        }
        if (r.kind() == CrashKind.TASK_WATCHDOG && !r.blockedTasks().isEmpty()) {
            return base + " (" + String.join(", ", r.blockedTasks()) + ")";
        }
        if (r.kind() == CrashKind.STACK_OVERFLOW) {
            String task = AssertMessage.overflowTask(r.detail());
            if (task.isEmpty() && r.tasks().size() == 1) {
                task = r.tasks().get(0);
            }
            return task.isEmpty() ? base : base + " (" + task + ")";
        }
        return base;
    }

    /** Build, head and top addresses: groups crashes of one build when no symbols are at hand. */
    private String addressSignature(CrashReport r, String head) {
        List<String> addrs = new ArrayList<>();
        long last = -1;
        for (Frame f : r.frames()) {
            if (addrs.size() >= addressFrames) {
                break;
            }
            if (!isFill(f.address()) && f.address() != last) {
                addrs.add(Frame.hex(f.address()));
                last = f.address();
            }
        }
        if (addrs.isEmpty()) {
            return "";
        }
        String build;
        if (!r.firmwareVersion().isEmpty()) {
            int slash = r.firmwareVersion().indexOf('/');
            build = slash > 0 ? r.firmwareVersion().substring(0, slash) : r.firmwareVersion();
        } else if (!r.elfSha().isEmpty()) {
            build = "elf:" + r.elfSha();
        } else {
            build = "unknown build";
        }
        return build + " | " + (head.isEmpty() ? "?" : head) + " | " + String.join(" ", addrs);
    }

    /** Stack fill, end markers and zero are not code addresses (a |<-CORRUPTED frame, RISC-V's 0xfffffffe). */
    private static boolean isFill(long a) {
        return a == 0 || a == 0xa5a5a5a5L || a == 0xfffffffeL || a == 0xffffffffL;
    }

    private int intSetting(String key, int dflt) {
        try {
            return Integer.parseInt(settings.getProperty(key, Integer.toString(dflt)).strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Properties loadSettings() {
        Properties p = new Properties();
        try (InputStream in = SignatureGenerator.class.getResourceAsStream("signature.properties")) {
            if (in == null) {
                throw new IllegalStateException("missing signature.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
