package dev.fieldshell.shell.repl;

/** Quotes one word for the module's tokenizer (quotes only at the start of a word, no escapes). */
final class ModuleQuoting {
    private ModuleQuoting() {}

    static String quoteWord(String w) {
        if (!w.isEmpty() && !w.contains(" ") && w.charAt(0) != '"' && w.charAt(0) != '\'') {
            return w;
        }
        if (!w.contains("\"")) {
            return "\"" + w + "\"";
        }
        if (!w.contains("'")) {
            return "'" + w + "'";
        }
        throw new IllegalArgumentException("the module cannot take a word with spaces and both quote kinds");
    }
}
