package dev.fieldshell.shell.macro;

import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * The one GraalJS engine of the process, created on first use (never on the REPL start-up path:
 * nothing outside this package touches GraalJS classes) and shared by all contexts so that code
 * parsed once stays warm.
 *
 * <p>Every context is a sandbox: no host classes or objects (no class lookup at all, so not even
 * a {@code Java} global), no file system, no sockets, no
 * processes, no threads, no native code, no environment, no other languages, and none of GraalJS's
 * extra globals ({@code Java}, {@code Graal}, {@code load}, {@code print}, {@code console}). The
 * only door out is the fieldshell API that {@link MacroApi} installs.
 */
public final class JsEngine {

    private JsEngine() {}

    private static final class Holder {
        static final Engine ENGINE = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    /** The shared engine; the first call pays for GraalJS start-up. */
    public static Engine engine() {
        return Holder.ENGINE;
    }

    /** A new sandboxed context whose (unused) standard streams go to {@code out}. */
    public static Context sandbox(OutputStream out) {
        return Context.newBuilder("js")
                .engine(engine())
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .out(out)
                .err(out)
                .option("js.esm-eval-returns-exports", "true")
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .option("js.graal-builtin", "false")
                // No ECMA-402 Intl: macros write OVMS command text and need no locale formatting, and Intl's
                // formatting of "now" would be a clock that fleet plan sharing (SharedPlans) has to watch.
                .option("js.intl-402", "false")
                .build();
    }

    /** A sandboxed context that only parses, for a given ECMAScript version ({@code "5"} or {@code "latest"}). */
    public static Context parser(String ecmaVersion) {
        return Context.newBuilder("js")
                .engine(engine())
                .allowHostAccess(HostAccess.NONE)
                .allowIO(IOAccess.NONE)
                .option("js.ecmascript-version", ecmaVersion)
                .build();
    }

    /** Closes a context; one the time limit cancelled says so on close, which is no news to the caller. */
    static void close(Context ctx) {
        try {
            ctx.close();
        } catch (org.graalvm.polyglot.PolyglotException | IllegalStateException e) {
            if (!(e instanceof org.graalvm.polyglot.PolyglotException p) || !p.isCancelled()) {
                throw e;
            }
        }
    }

    static Source module(String name, String code) {
        return Source.newBuilder("js", code, name.endsWith(".mjs") ? name : name + ".mjs")
                .mimeType("application/javascript+module")
                .cached(true)
                .buildLiteral();
    }
}
