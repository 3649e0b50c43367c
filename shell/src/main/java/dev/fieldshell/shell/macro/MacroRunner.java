package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.ovms.VfsEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

/**
 * Loads macros (ES modules) and runs them in a fresh sandboxed context each time, with a limit on
 * JavaScript time. A macro exports {@code meta} ({@code name}, {@code summary}, optional
 * {@code mode}, {@code params}) and a default function that receives the arguments object.
 */
public final class MacroRunner {

    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration limit;
    /** Descriptors by file, kept while the file's text is the same: a warm :macro evaluates the module once. */
    private final java.util.Map<Path, MacroDescriptor> described = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<Path, Object> loading = new java.util.concurrent.ConcurrentHashMap<>();
    private final MetaCache metaCache;
    // counted for the tests and the benchmark
    private final java.util.concurrent.atomic.AtomicLong runs = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong loads = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong warmUps = new java.util.concurrent.atomic.AtomicLong();

    public MacroRunner(Duration limit) {
        this(limit, null);
    }

    /** {@code metaCache}: where macros' declarations are kept between processes (null: nowhere). */
    public MacroRunner(Duration limit, Path metaCache) {
        this.limit = limit;
        this.metaCache = metaCache == null ? null : new MetaCache(metaCache);
    }

    public MacroRunner() {
        this(DEFAULT_LIMIT);
    }

    /** How many times a macro's default function has been run in a sandbox (not counting loads). */
    long runs() {
        return runs.get();
    }

    /** How many times a macro file has been evaluated to read its declarations. */
    long loads() {
        return loads.get();
    }

    /** How many warm-ups have finished. */
    long warmUps() {
        return warmUps.get();
    }

    /** Reads a macro file and its declarations without giving it any access to a module. */
    public MacroDescriptor describe(Path file) throws MacroException {
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            throw new MacroException(file + ": cannot read: " + e.getMessage());
        }
        return describe(file, source);
    }

    public MacroDescriptor describe(Path file, String source) throws MacroException {
        MacroDescriptor known = described.get(file);
        if (known != null && known.source().equals(source)) {
            return known;
        }
        // One load per file at a time: a command typed while the background warm-up loads the
        // same macro waits for that load instead of paying for a second one.
        synchronized (loading.computeIfAbsent(file, f -> new Object())) {
            known = described.get(file);
            if (known != null && known.source().equals(source)) {
                return known;
            }
            MacroDescriptor d = load(file, source);
            described.put(file, d);
            return d;
        }
    }

    /** The descriptor already loaded for {@code file}, without reading or evaluating anything (for completion). */
    public Optional<MacroDescriptor> loaded(Path file) {
        return Optional.ofNullable(described.get(file));
    }

    private MacroDescriptor load(Path file, String source) throws MacroException {
        if (metaCache != null) {
            Optional<String> cached = metaCache.get(source);
            if (cached.isPresent()) {
                try {
                    return descriptor(file, source, JSON.readTree(cached.get()));
                } catch (IOException | MacroException e) {
                    // Unreadable, or not valid for this file (renamed, say): the file itself decides below.
                }
            }
        }
        loads.incrementAndGet();
        java.util.concurrent.atomic.AtomicBoolean nondeterministic = new java.util.concurrent.atomic.AtomicBoolean();
        Context ctx = JsEngine.sandbox(new ByteArrayOutputStream());
        try {
            MacroApi api = new MacroApi(new RefusingBackend(), (name, args, answer) -> {
                if (MacroApi.NONDETERMINISTIC.equals(name)) {
                    nondeterministic.set(true);
                }
            });
            api.install(ctx);
            try (TimeLimit l = new TimeLimit(ctx, limit)) {
                api.limit(l);
                Value ns = evalModule(ctx, file, source, l);
                String metaJson = metaJson(file, ns, ctx);
                MacroDescriptor d;
                try {
                    d = descriptor(file, source, JSON.readTree(metaJson));
                } catch (IOException e) {
                    throw new MacroException(where(file) + ": 'meta' is not plain data: " + e.getMessage());
                }
                if (metaCache != null && !nondeterministic.get()) {
                    metaCache.put(source, metaJson);
                }
                return d;
            }
        } finally {
            JsEngine.close(ctx);
        }
    }

    /**
     * Starts the engine and evaluates the macros' modules once in a throwaway sandbox (the API
     * closed, as while loading), so that a run soon after finds GraalJS started and the sources
     * parsed. With the declarations read from the cache, nothing else would start the engine before
     * the command itself. Errors are left for the run to report.
     */
    void warmUp(List<MacroDescriptor> macros) {
        Context ctx = JsEngine.sandbox(new ByteArrayOutputStream());
        try {
            MacroApi api = new MacroApi(new RefusingBackend());
            api.install(ctx);
            try (TimeLimit l = new TimeLimit(ctx, limit)) {
                api.limit(l);
                for (MacroDescriptor m : macros) {
                    try {
                        evalModule(ctx, m.file(), m.source(), l);
                    } catch (MacroException e) {
                        // the command that runs this macro reports it
                    }
                }
            }
        } catch (RuntimeException e) {
            // a cancelled or broken warm-up leaves the engine as cold as before, no worse
        } finally {
            try {
                JsEngine.close(ctx);
            } catch (RuntimeException e) {
                // see above
            }
            warmUps.incrementAndGet();
        }
    }

    /** What a run produced: the default function's return value as text (empty when undefined). */
    public record Result(String value) {}

    /** Runs the macro's default export with {@code args}; all module access goes through {@code backend}. */
    public Result run(MacroDescriptor macro, ObjectNode args, MacroBackend backend) throws MacroException {
        return run(macro, args, backend, null);
    }

    /** Like {@link #run(MacroDescriptor, ObjectNode, MacroBackend)}; {@code listener} hears every API call and its answer. */
    Result run(MacroDescriptor macro, ObjectNode args, MacroBackend backend, MacroApi.Listener listener) throws MacroException {
        runs.incrementAndGet();
        Context ctx = JsEngine.sandbox(new ByteArrayOutputStream());
        TimeLimit limits = null;
        try {
            MacroApi api = new MacroApi(backend, listener);
            api.install(ctx);
            try (TimeLimit l = new TimeLimit(ctx, limit)) {
                limits = l;
                api.limit(l);
                Value ns = evalModule(ctx, macro.file(), macro.source(), l);
                Value main = ns.getMember("default");
                if (main == null || !main.canExecute()) {
                    throw new MacroException(where(macro.file()) + ": the macro has no default export function");
                }
                try {
                    Value jsArgs = ctx.eval("js", "JSON.parse").execute(args.toString());
                    Value result = main.execute(jsArgs);
                    String text = result.isNull() ? "" : result.isString() ? result.asString()
                            : ctx.eval("js", "(v) => JSON.stringify(v, null, 2)").execute(result).toString();
                    return new Result(text);
                } catch (PolyglotException e) {
                    throw translate(e, macro.file(), l);
                }
            }
        } catch (IllegalStateException e) {
            // The watchdog closed the context under us.
            throw (limits != null ? limits.reason() : new StopReason.OverTime(limit)).inMacro(macro.file());
        } finally {
            JsEngine.close(ctx);
        }
    }

    private static Value evalModule(Context ctx, Path file, String source, TimeLimit l) throws MacroException {
        try {
            return ctx.eval(JsEngine.module(file.getFileName().toString(), source));
        } catch (PolyglotException e) {
            throw translate(e, file, l);
        }
    }

    /** The module's {@code meta} export as JSON text. */
    private static String metaJson(Path file, Value ns, Context ctx) throws MacroException {
        Value meta = ns.getMember("meta");
        if (meta == null || meta.isNull() || !meta.hasMembers()) {
            throw new MacroException(where(file) + ": the macro does not export 'meta' ({name, summary, params})");
        }
        try {
            return ctx.eval("js", "JSON.stringify").execute(meta).asString();
        } catch (PolyglotException | ClassCastException | IllegalStateException e) {
            throw new MacroException(where(file) + ": 'meta' is not plain data: " + e.getMessage());
        }
    }

    /** The declarations in {@code m} (the {@code meta} export), checked against the file they came from. */
    private static MacroDescriptor descriptor(Path file, String source, JsonNode m) throws MacroException {
        if (m == null) {
            throw new MacroException(where(file) + ": the macro does not export 'meta' ({name, summary, params})");
        }
        String name = m.path("name").asText("");
        String expected = file.getFileName().toString().replaceFirst("\\.m?js$", "");
        if (name.isEmpty()) {
            throw new MacroException(where(file) + ": meta.name is missing");
        }
        if (!name.equals(expected)) {
            throw new MacroException(where(file) + ": meta.name is '" + name + "' but the file is " + file.getFileName() + "; they must agree");
        }
        String mode = m.path("mode").asText("plan");
        MacroDescriptor.Mode md = switch (mode) {
            case "plan" -> MacroDescriptor.Mode.PLAN;
            case "collect" -> MacroDescriptor.Mode.COLLECT;
            default -> throw new MacroException(where(file) + ": meta.mode must be 'plan' or 'collect', not '" + mode + "'");
        };
        List<MacroParam> params = new ArrayList<>();
        JsonNode ps = m.path("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode def = e.getValue().get("default");
            try {
                params.add(new MacroParam(e.getKey(), MacroParam.Type.parse(e.getValue().path("type").asText(""), def), def,
                        e.getValue().path("help").asText("")));
            } catch (MacroException ex) {
                throw new MacroException(where(file) + ": parameter '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return new MacroDescriptor(name, m.path("summary").asText(""), md, List.copyOf(params), file, source);
    }

    /** One line for the user: file:line and the JavaScript message, or why the macro was stopped. */
    static MacroException translate(PolyglotException e, Path file, TimeLimit l) {
        Optional<StopReason> stop = StopReason.of(e, l);
        if (stop.isPresent()) {
            return stop.get().inMacro(file);
        }
        String loc = where(file);
        SourceSection s = e.getSourceLocation();
        if (s == null) {
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                if (f.isGuestFrame() && f.getSourceLocation() != null && f.getSourceLocation().getSource().getName().startsWith(file.getFileName().toString())) {
                    s = f.getSourceLocation();
                    break;
                }
            }
        }
        if (s != null && s.isAvailable()) {
            loc = where(file) + ":" + s.getStartLine();
        }
        String msg = e.getMessage() == null ? "error" : e.getMessage().lines().findFirst().orElse("error");
        if (e.isSyntaxError()) {
            msg = msg.replaceFirst("^SyntaxError: [^:]*:\\d+:\\d+ ", "SyntaxError: ");
        }
        if (msg.contains("Operation is not allowed for")) {
            msg += " (macros cannot import other files or read the host's)";
        }
        return new MacroException(loc + ": " + msg, e);
    }

    static String where(Path file) {
        return file.toString();
    }

    /** While a macro loads, the API is closed: only the default function may touch a module. */
    private static final class RefusingBackend implements MacroBackend {
        private static MacroException no() {
            return new MacroException("the ovms API is not available while a macro loads; use it inside the default function");
        }

        public String firmware() { return ""; }
        public String target() { return ""; }
        public boolean has(String feature) throws MacroException { throw no(); }
        public void writeFile(String path, String content) throws MacroException { throw no(); }
        public void appendLine(String path, String line) throws MacroException { throw no(); }
        public void remove(String path) throws MacroException { throw no(); }
        public void mkdir(String path) throws MacroException { throw no(); }
        public Optional<String> cat(String path) throws MacroException { throw no(); }
        public List<VfsEntry> ls(String dir) throws MacroException { throw no(); }
        public boolean exists(String path) throws MacroException { throw no(); }
        public void raise(String event, long delayMs) throws MacroException { throw no(); }
        public void configSet(String param, String instance, String value) throws MacroException { throw no(); }
        public Optional<String> configGet(String param, String instance) throws MacroException { throw no(); }
        public Optional<String> exec(String commandLine) throws MacroException { throw no(); }
        public void sleep(long millis) throws MacroException { throw no(); }
        public String save(String name, String text) throws MacroException { throw no(); }
        public void print(String line) {}
    }
}
