package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldshell.shell.ovms.EventNames;
import java.util.List;

/** Turns {@code --name value} words into the macro's argument object, by the macro's declared parameters. */
public final class MacroArgs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MacroArgs() {}

    /** The arguments as a JSON object: declared defaults, overridden by {@code words}. */
    public static ObjectNode parse(MacroDescriptor macro, List<String> words) throws MacroException {
        ObjectNode out = JSON.createObjectNode();
        for (MacroParam p : macro.params()) {
            out.set(p.name(), p.defaultValue() == null ? JSON.nullNode() : p.defaultValue().deepCopy());
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (!w.startsWith("--") || w.length() == 2) {
                throw new MacroException(macro.name() + ": unexpected argument '" + w + "'; parameters are --name value");
            }
            String name = w.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            MacroParam p = find(macro, name);
            if (p == null && name.startsWith("no-") && find(macro, name.substring(3)) instanceof MacroParam b && b.type() == MacroParam.Type.BOOL) {
                out.put(b.name(), false);
                continue;
            }
            if (p == null) {
                throw new MacroException(macro.name() + ": unknown parameter --" + name + suggestion(macro, name));
            }
            if (p.type() == MacroParam.Type.BOOL && value == null) {
                out.put(p.name(), true);
                continue;
            }
            if (value == null) {
                if (i + 1 >= words.size()) {
                    throw new MacroException(macro.name() + ": --" + name + " needs a value");
                }
                value = words.get(++i);
            }
            out.set(p.name(), convert(macro, p, value));
        }
        return out;
    }

    private static JsonNode convert(MacroDescriptor macro, MacroParam p, String value) throws MacroException {
        return switch (p.type()) {
            case STRING -> JSON.getNodeFactory().textNode(value);
            case INT -> {
                try {
                    yield JSON.getNodeFactory().numberNode(Long.parseLong(value.strip()));
                } catch (NumberFormatException e) {
                    throw new MacroException(macro.name() + ": --" + p.name() + " must be a whole number, not '" + value + "'");
                }
            }
            case BOOL -> switch (value.toLowerCase()) {
                case "yes", "true", "on", "1" -> JSON.getNodeFactory().booleanNode(true);
                case "no", "false", "off", "0" -> JSON.getNodeFactory().booleanNode(false);
                default -> throw new MacroException(macro.name() + ": --" + p.name() + " must be yes or no, not '" + value + "'");
            };
            case LIST -> {
                ArrayNode arr = JSON.createArrayNode();
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        arr.add(item.strip());
                    }
                }
                yield arr;
            }
        };
    }

    private static MacroParam find(MacroDescriptor macro, String name) {
        return macro.params().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    private static String suggestion(MacroDescriptor macro, String name) {
        if (macro.params().isEmpty()) {
            return " (this macro takes no parameters)";
        }
        String names = String.join(", ", macro.params().stream().map(p -> "--" + p.name()).toList());
        return macro.params().stream()
                .filter(p -> EventNames.distance(p.name(), name) <= 2)
                .findFirst()
                .map(p -> "; did you mean --" + p.name() + "? (parameters: " + names + ")")
                .orElse(" (parameters: " + names + ")");
    }
}
