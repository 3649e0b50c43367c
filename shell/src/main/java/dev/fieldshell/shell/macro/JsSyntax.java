package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.lint.Linter;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Parses (never runs) a module's {@code .js} event script with GraalJS: first as current
 * JavaScript (a failure is a syntax error anywhere), then as ES5.1, close to the Duktape engine the
 * module runs (a failure there only warns: Duktape knows a few later additions).
 */
public final class JsSyntax {

    private JsSyntax() {}

    public static Optional<Linter.JsProblem> check(String source) {
        Optional<String> latest = parse(source, "latest");
        if (latest.isPresent()) {
            return Optional.of(new Linter.JsProblem(false, latest.get()));
        }
        return parse(source, "5").map(m -> new Linter.JsProblem(true, m));
    }

    private static Optional<String> parse(String source, String version) {
        try (Context ctx = JsEngine.parser(version)) {
            ctx.parse(Source.newBuilder("js", source, "script.js").buildLiteral());
            return Optional.empty();
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                throw e;
            }
            String msg = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("syntax error");
            // "SyntaxError: script.js:3:8 Expected ..." → "line 3:8: Expected ..."
            return Optional.of(msg.replaceFirst("^SyntaxError: script\\.js:(\\d+):(\\d+) ", "line $1:$2: "));
        }
    }
}
