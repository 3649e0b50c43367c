package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.ovms.VfsEntry;
import dev.fieldshell.shell.repl.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * Installs the {@code ovms} and {@code host} globals in a sandboxed context. The JavaScript side
 * ({@code prelude.js}) passes each call as a name and a JSON array of arguments through a single
 * host function and turns error answers into JavaScript {@code Error}s; nothing else of the host
 * is reachable from the guest.
 */
final class MacroApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_SLEEP_MS = 10 * 60_000;
    private static volatile Source prelude;

    /**
     * The call the prelude makes, once per run, when the macro first asks for something that is
     * not a function of its inputs (the clock, random numbers): a run that made it cannot stand in
     * for another module's run ({@link SharedPlans}).
     */
    static final String NONDETERMINISTIC = "js.nondeterministic";

    /** Hears every call through the API with its answer, in order. */
    interface Listener {
        void called(String name, String argsJson, String answerJson);
    }

    private final MacroBackend backend;
    private final Listener listener;
    private volatile TimeLimit limit;

    MacroApi(MacroBackend backend) {
        this(backend, null);
    }

    MacroApi(MacroBackend backend, Listener listener) {
        this.backend = backend;
        this.listener = listener;
    }

    void limit(TimeLimit l) {
        this.limit = l;
    }

    /** Defines {@code ovms}, {@code host}, {@code print} and {@code console.log} in the context. */
    void install(Context context) {
        ProxyExecutable call = args -> dispatch(args[0].asString(), args[1].asString());
        context.eval(prelude()).execute(call);
    }

    private static Source prelude() {
        Source s = prelude;
        if (s == null) {
            try (InputStream in = MacroApi.class.getResourceAsStream("prelude.js")) {
                s = Source.newBuilder("js", new String(in.readAllBytes(), StandardCharsets.UTF_8), "fieldshell-prelude.js").buildLiteral();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            prelude = s;
        }
        return s;
    }

    /** Answers one call as the guest would get it (a JSON object with {@code value} or {@code error}). */
    String dispatch(String name, String argsJson) {
        String answer = answer(name, argsJson);
        if (listener != null) {
            listener.called(name, argsJson, answer);
        }
        return answer;
    }

    private String answer(String name, String argsJson) {
        TimeLimit l = limit;
        if (l != null) {
            l.enterHost();
        }
        ObjectNode answer = JSON.createObjectNode();
        try {
            JsonNode args = JSON.readTree(argsJson);
            answer.set("value", call(name, new Args(name, args)));
        } catch (MacroException e) {
            answer.put("error", e.getMessage());
        } catch (IOException | RuntimeException e) {
            answer.put("error", name + ": " + e.getMessage());
        } finally {
            if (l != null) {
                l.leaveHost();
            }
        }
        return answer.toString();
    }

    private JsonNode call(String name, Args a) throws MacroException {
        return switch (name) {
            case "module.firmware" -> text(backend.firmware());
            case "module.target" -> text(backend.target());
            case "module.has" -> JSON.getNodeFactory().booleanNode(backend.has(a.string(0, "feature")));
            case "vfs.echo" -> {
                String text = noSecret("ovms.vfs.echo", a.string(0, "text"));
                backend.writeFile(a.string(1, "path"), text + "\n");
                yield null;
            }
            case "vfs.write" -> {
                backend.writeFile(a.string(1, "path"), noSecret("ovms.vfs.write", a.string(0, "content")));
                yield null;
            }
            case "vfs.append" -> {
                backend.appendLine(a.string(1, "path"), noSecret("ovms.vfs.append", a.string(0, "text")));
                yield null;
            }
            case "vfs.rm" -> {
                backend.remove(a.string(0, "path"));
                yield null;
            }
            case "vfs.mkdir" -> {
                backend.mkdir(a.string(0, "path"));
                yield null;
            }
            case "vfs.cat" -> {
                String path = a.string(0, "path");
                yield text(backend.cat(path).orElseThrow(() -> new MacroException("ovms.vfs.cat: " + path + " does not exist")));
            }
            case "vfs.exists" -> JSON.getNodeFactory().booleanNode(backend.exists(a.string(0, "path")));
            case "vfs.ls" -> {
                ArrayNode arr = JSON.createArrayNode();
                for (VfsEntry e : backend.ls(a.string(0, "path"))) {
                    arr.addObject().put("name", e.name()).put("dir", e.directory()).put("size", e.size());
                }
                yield arr;
            }
            case "event.raise" -> {
                long delay = a.optionalLong(1, "delay").orElse(0L);
                if (delay < 0) {
                    throw new MacroException("ovms.event.raise: delay must not be negative");
                }
                backend.raise(a.string(0, "name"), delay);
                yield null;
            }
            case "config.set" -> {
                String param = a.string(0, "param");
                String instance = a.string(1, "instance");
                if (Secrets.isSecretConfig(param, instance)) {
                    throw new MacroException("ovms.config.set: config " + param + " " + instance + " holds a secret; macros do not set"
                            + " secrets (the value would be in the plan, the transcript and the undo journal): set it at the prompt");
                }
                backend.configSet(param, instance, a.scalar(2, "value"));
                yield null;
            }
            case "config.get" -> backend.configGet(a.string(0, "param"), a.string(1, "instance")).map(MacroApi::text).orElse(null);
            case "exec" -> backend.exec(noSecret("ovms.exec", a.string(0, "command"))).map(MacroApi::text).orElse(null);
            case "sleep" -> {
                long ms = a.optionalLong(0, "ms").orElseThrow(() -> new MacroException("ovms.sleep: ms must be a number"));
                if (ms < 0 || ms > MAX_SLEEP_MS) {
                    throw new MacroException("ovms.sleep: ms must be between 0 and " + MAX_SLEEP_MS);
                }
                backend.sleep(ms);
                yield null;
            }
            case "host.save" -> text(backend.save(a.string(0, "name"), a.string(1, "text")));
            case "host.print" -> {
                backend.print(a.string(0, "text"));
                yield null;
            }
            case NONDETERMINISTIC -> null;
            default -> throw new MacroException("no such API function: " + name);
        };
    }

    /**
     * What config.set refuses must not come in by another door: a command line or file line that
     * carries a password ({@code enable pw}, {@code config set password …}) would sit in the plan,
     * the transcript and the undo journal on disk.
     */
    private static String noSecret(String function, String text) throws MacroException {
        for (String line : text.split("\n", -1)) {
            String masked = Secrets.mask(line);
            if (!masked.equals(line)) {
                throw new MacroException(function + ": '" + masked.strip() + "' carries a secret; macros do not send secrets (the value"
                        + " would be in the plan, the transcript and the undo journal): type it at the prompt");
            }
        }
        return text;
    }

    private static JsonNode text(String s) {
        return JSON.getNodeFactory().textNode(s);
    }

    /** The arguments of one call, with type checks that name the function and the argument. */
    private record Args(String fn, JsonNode values) {
        String string(int i, String what) throws MacroException {
            JsonNode v = values.get(i);
            if (v == null || !v.isTextual()) {
                throw new MacroException(api() + ": " + what + " must be a string");
            }
            return v.asText();
        }

        /** A string, number or boolean, as the text the module would get. */
        String scalar(int i, String what) throws MacroException {
            JsonNode v = values.get(i);
            if (v == null || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
                throw new MacroException(api() + ": " + what + " must be a string, number or boolean");
            }
            return v.asText();
        }

        Optional<Long> optionalLong(int i, String what) throws MacroException {
            JsonNode v = values.get(i);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isIntegralNumber()) {
                throw new MacroException(api() + ": " + what + " must be a whole number");
            }
            return Optional.of(v.asLong());
        }

        private String api() {
            return fn.startsWith("host.") ? fn : "ovms." + fn;
        }
    }

    /** Converts a guest value to display text without touching host objects. */
    static String display(Value v) {
        if (v == null || v.isNull()) {
            return "undefined".equals(String.valueOf(v)) ? "undefined" : "null";
        }
        return v.toString();
    }
}
