package dev.fieldshell.shell.macro;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * {@code :js}: a JavaScript session against the current module, with the same sandbox and API as
 * macros but live (each change is applied, verified and journaled at once). Variables persist
 * between expressions; a run stopped by the time or memory limit starts a fresh context.
 */
public final class JsSession implements AutoCloseable {

    private final MacroBackend backend;
    private final Duration limit;
    private Context context;
    private MacroApi api;
    private int counter;

    public JsSession(MacroBackend backend, Duration limit) {
        this.backend = backend;
        this.limit = limit;
    }

    /** Evaluates one expression or statement list and returns its value as text ({@code undefined} included). */
    public synchronized String eval(String code) throws MacroException {
        if (context == null) {
            context = JsEngine.sandbox(new ByteArrayOutputStream());
            api = new MacroApi(backend);
            api.install(context);
        }
        java.nio.file.Path name = java.nio.file.Path.of("js-" + (++counter));
        try (TimeLimit l = new TimeLimit(context, limit)) {
            api.limit(l);
            try {
                Value v = context.eval(Source.newBuilder("js", code, name.toString()).buildLiteral());
                if (v.isString()) {
                    return v.asString();
                }
                if (v.hasMembers() && !v.canExecute() && !v.isNull()) {
                    Value json = context.eval("js", "(v) => { try { return JSON.stringify(v, null, 2); } catch (e) { return String(v); } }").execute(v);
                    if (json.isString()) {
                        return json.asString();
                    }
                }
                return v.toString();
            } catch (PolyglotException e) {
                if (e.isCancelled() || l.expired()) {
                    reset();
                    throw l.reason().inSession();
                }
                if (StopReason.of(e, l).orElse(null) instanceof StopReason.Exhausted x) {
                    // The variables may hold what filled the heap: keeping them would starve every later command.
                    reset();
                    throw x.inSession();
                }
                throw MacroRunner.translate(e, name, l);
            } catch (IllegalStateException e) {
                reset();
                throw l.reason().inSession();
            }
        }
    }

    private void reset() {
        try {
            if (context != null) {
                context.close(true);
            }
        } catch (RuntimeException ignored) {
            // already closed by the watchdog
        }
        context = null;
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
