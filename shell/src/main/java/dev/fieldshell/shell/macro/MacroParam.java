package dev.fieldshell.shell.macro;

import com.fasterxml.jackson.databind.JsonNode;

/** A parameter a macro declares: {@code --name value} on the command line. */
public record MacroParam(String name, Type type, JsonNode defaultValue, String help) {

    public enum Type {
        STRING, INT, BOOL, LIST;

        static Type parse(String s, JsonNode def) throws MacroException {
            if (s == null || s.isEmpty()) {
                if (def == null || def.isNull() || def.isTextual()) return STRING;
                if (def.isBoolean()) return BOOL;
                if (def.isIntegralNumber()) return INT;
                if (def.isArray()) return LIST;
                throw new MacroException("cannot tell the type of default " + def);
            }
            return switch (s) {
                case "string" -> STRING;
                case "int", "integer", "number" -> INT;
                case "bool", "boolean", "flag" -> BOOL;
                case "list" -> LIST;
                default -> throw new MacroException("unknown parameter type '" + s + "' (string, int, bool, list)");
            };
        }
    }

    /** How the parameter reads in usage text, e.g. {@code --delay <int> (default 5000)}. */
    public String usage() {
        String value = switch (type) {
            case BOOL -> "";
            case LIST -> " <a,b,...>";
            case INT -> " <int>";
            case STRING -> " <text>";
        };
        String def = defaultValue == null || defaultValue.isNull() ? "" : " (default " + (defaultValue.isArray()
                ? String.join(",", java.util.stream.StreamSupport.stream(defaultValue.spliterator(), false).map(JsonNode::asText).toList())
                : defaultValue.asText()) + ")";
        return "--" + name + value + def + (help.isEmpty() ? "" : "  " + help);
    }
}
