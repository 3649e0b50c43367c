package dev.fieldshell.kb.symbols;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Itanium C++ demangling for the names firmware ELFs hold, in the form GNU addr2line -C prints
 * ({@code OvmsConsole::Poll(unsigned int, void*)}). Covers nested names, constructors and
 * destructors, operators, templates, substitutions and the common types; a name it cannot read is
 * returned unchanged, as addr2line does.
 */
final class Demangler {

    private static final Map<Character, String> BUILTIN = Map.ofEntries(
            Map.entry('v', "void"), Map.entry('w', "wchar_t"), Map.entry('b', "bool"), Map.entry('c', "char"),
            Map.entry('a', "signed char"), Map.entry('h', "unsigned char"), Map.entry('s', "short"),
            Map.entry('t', "unsigned short"), Map.entry('i', "int"), Map.entry('j', "unsigned int"),
            Map.entry('l', "long"), Map.entry('m', "unsigned long"), Map.entry('x', "long long"),
            Map.entry('y', "unsigned long long"), Map.entry('n', "__int128"), Map.entry('o', "unsigned __int128"),
            Map.entry('f', "float"), Map.entry('d', "double"), Map.entry('e', "long double"), Map.entry('z', "..."));

    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("nw", "new"), Map.entry("na", "new[]"), Map.entry("dl", "delete"), Map.entry("da", "delete[]"),
            Map.entry("ps", "+"), Map.entry("ng", "-"), Map.entry("ad", "&"), Map.entry("de", "*"), Map.entry("co", "~"),
            Map.entry("pl", "+"), Map.entry("mi", "-"), Map.entry("ml", "*"), Map.entry("dv", "/"), Map.entry("rm", "%"),
            Map.entry("an", "&"), Map.entry("or", "|"), Map.entry("eo", "^"), Map.entry("aS", "="), Map.entry("pL", "+="),
            Map.entry("mI", "-="), Map.entry("mL", "*="), Map.entry("dV", "/="), Map.entry("rM", "%="), Map.entry("aN", "&="),
            Map.entry("oR", "|="), Map.entry("eO", "^="), Map.entry("ls", "<<"), Map.entry("rs", ">>"), Map.entry("lS", "<<="),
            Map.entry("rS", ">>="), Map.entry("eq", "=="), Map.entry("ne", "!="), Map.entry("lt", "<"), Map.entry("gt", ">"),
            Map.entry("le", "<="), Map.entry("ge", ">="), Map.entry("nt", "!"), Map.entry("aa", "&&"), Map.entry("oo", "||"),
            Map.entry("pp", "++"), Map.entry("mm", "--"), Map.entry("cm", ","), Map.entry("pm", "->*"), Map.entry("pt", "->"),
            Map.entry("cl", "()"), Map.entry("ix", "[]"));

    private final String s;
    private int p;
    private final List<String> subs = new ArrayList<>();
    private List<String> templateParams = List.of();

    private Demangler(String s) {
        this.s = s;
    }

    /** The demangled name, or {@code mangled} itself when it is not a mangled C++ name we can read. */
    static String demangle(String mangled) {
        if (!mangled.startsWith("_Z")) {
            return mangled;
        }
        String core = mangled;
        String suffix = "";
        int dot = mangled.indexOf('.');
        if (dot > 0) { // GCC clones: _Z3fooi.constprop.0 -> foo(int) [clone .constprop.0]
            core = mangled.substring(0, dot);
            suffix = " [clone " + mangled.substring(dot) + "]";
        }
        try {
            Demangler d = new Demangler(core);
            d.p = 2;
            String r = d.encoding();
            return d.p == core.length() ? r + suffix : mangled;
        } catch (RuntimeException e) {
            return mangled;
        }
    }

    private char peek() {
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private boolean eat(String t) {
        if (s.startsWith(t, p)) {
            p += t.length();
            return true;
        }
        return false;
    }

    private String encoding() {
        Name n = name();
        if (p >= s.length() || peek() == 'E') {
            return n.text;
        }
        String ret = "";
        if (n.template && !n.ctorOrDtor) {
            ret = type() + " "; // a template function's return type is encoded, and printed first
        }
        List<String> params = new ArrayList<>();
        while (p < s.length() && peek() != 'E' && peek() != '.') {
            params.add(type());
        }
        String args = params.size() == 1 && params.get(0).equals("void") ? "" : String.join(", ", params);
        return ret + n.text + "(" + args + ")" + n.cv;
    }

    private record Name(String text, boolean template, boolean ctorOrDtor, String cv) {}

    private Name name() {
        if (peek() == 'N') {
            return nested();
        }
        if (peek() == 'Z') {
            p++;
            String outer = encoding();
            expect('E');
            if (eat("s")) {
                return new Name(outer + "::string literal", false, false, "");
            }
            Name inner = name();
            discriminator();
            return new Name(outer + "::" + inner.text, inner.template, inner.ctorOrDtor, inner.cv);
        }
        String base;
        if (peek() == 'S' && !s.startsWith("St", p)) {
            base = substitution();
        } else {
            boolean std = eat("St");
            base = (std ? "std::" : "") + unqualified(null);
            if (peek() == 'I') {
                subs.add(base); // an unscoped template name is a candidate; a plain function name is not
            }
        }
        if (peek() == 'I') {
            base = base + templateArgs();
            return new Name(base, true, false, "");
        }
        return new Name(base, false, false, "");
    }

    private void discriminator() {
        if (eat("_")) {
            if (eat("_")) {
                while (Character.isDigit(peek())) {
                    p++;
                }
                expect('_');
            } else {
                p++;
            }
        }
    }

    private Name nested() {
        expect('N');
        StringBuilder cv = new StringBuilder();
        while (peek() == 'r' || peek() == 'V' || peek() == 'K') {
            char c = s.charAt(p++);
            cv.insert(0, c == 'K' ? " const" : c == 'V' ? " volatile" : " restrict");
        }
        eat("R");
        eat("O");
        String prefix = null;
        String last = "";
        boolean template = false;
        boolean ctor = false;
        while (peek() != 'E') {
            if (p >= s.length()) {
                throw new IllegalStateException("unterminated nested name");
            }
            String part;
            template = false;
            ctor = false;
            if (peek() == 'S') {
                part = substitution();
                prefix = part;
                continue;
            } else if (peek() == 'I') {
                prefix = prefix + templateArgs();
                template = true;
                subs.add(prefix);
                continue;
            } else if (peek() == 'C' || (peek() == 'D' && p + 1 < s.length() && "012".indexOf(s.charAt(p + 1)) >= 0)) {
                boolean dtor = peek() == 'D';
                p += 2;
                String cls = last.contains("<") ? last.substring(0, last.indexOf('<')) : last;
                part = (dtor ? "~" : "") + cls;
                ctor = true;
            } else {
                part = unqualified(last);
            }
            last = part;
            prefix = prefix == null ? part : prefix + "::" + part;
            subs.add(prefix);
        }
        p++;
        if (!subs.isEmpty()) {
            subs.remove(subs.size() - 1); // the whole name is not a candidate (a type adds it back)
        }
        return new Name(prefix, template, ctor, cv.toString());
    }

    private String unqualified(String enclosing) {
        char c = peek();
        if (Character.isDigit(c)) {
            return sourceName();
        }
        if (c == 'L') { // internal linkage
            p++;
            return sourceName();
        }
        if (s.startsWith("cv", p)) {
            p += 2;
            return "operator " + type();
        }
        if (p + 2 <= s.length()) {
            String op = OPERATORS.get(s.substring(p, p + 2));
            if (op != null) {
                p += 2;
                return "operator" + (Character.isLetter(op.charAt(0)) ? " " : "") + op;
            }
        }
        throw new IllegalStateException("unqualified name at " + p);
    }

    private String sourceName() {
        int n = number();
        String id = s.substring(p, p + n);
        p += n;
        return id.startsWith("_GLOBAL__N") ? "(anonymous namespace)" : id;
    }

    private int number() {
        int start = p;
        while (Character.isDigit(peek())) {
            p++;
        }
        if (start == p) {
            throw new IllegalStateException("number expected at " + p);
        }
        return Integer.parseInt(s.substring(start, p));
    }

    private String substitution() {
        expect('S');
        char c = peek();
        switch (c) {
            case 't': p++; return "std::" + unqualified(null);
            case 'a': p++; return "std::allocator";
            case 'b': p++; return "std::basic_string";
            case 's': p++; return "std::string";
            case 'i': p++; return "std::istream";
            case 'o': p++; return "std::ostream";
            case 'd': p++; return "std::iostream";
            default:
                int idx = 0;
                if (c != '_') {
                    int start = p;
                    while (peek() != '_') {
                        p++;
                    }
                    idx = Integer.parseInt(s.substring(start, p), 36) + 1;
                }
                expect('_');
                return subs.get(idx);
        }
    }

    private String templateArgs() {
        expect('I');
        List<String> args = new ArrayList<>();
        while (peek() != 'E') {
            if (peek() == 'L') {
                p++;
                String t = type();
                int start = p;
                while (peek() != 'E') {
                    p++;
                }
                String v = s.substring(start, p).replace('n', '-');
                p++;
                args.add(t.equals("bool") ? (v.equals("0") ? "false" : "true") : "(" + t + ")" + v);
            } else {
                args.add(type());
            }
        }
        p++;
        templateParams = List.copyOf(args);
        String joined = String.join(", ", args);
        return "<" + joined + (joined.endsWith(">") ? " >" : ">");
    }

    private String type() {
        char c = peek();
        String t;
        if (BUILTIN.containsKey(c)) {
            p++;
            return BUILTIN.get(c);
        }
        switch (c) {
            case 'P': p++; t = pointerTo(type(), "*"); break;
            case 'R': p++; t = pointerTo(type(), "&"); break;
            case 'O': p++; t = pointerTo(type(), "&&"); break;
            case 'K': p++; t = type() + " const"; break;
            case 'V': p++; t = type() + " volatile"; break;
            case 'F': {
                p++;
                eat("Y");
                String ret = type();
                List<String> params = new ArrayList<>();
                while (peek() != 'E') {
                    params.add(type());
                }
                p++;
                String args = params.size() == 1 && params.get(0).equals("void") ? "" : String.join(", ", params);
                t = ret + " ()(" + args + ")";
                break;
            }
            case 'A': {
                p++;
                int n = number();
                expect('_');
                t = type() + " [" + n + "]";
                break;
            }
            case 'T': {
                p++;
                int idx = 0;
                if (peek() != '_') {
                    idx = number() + 1;
                }
                expect('_');
                t = templateParams.get(idx);
                break;
            }
            case 'S': {
                if (s.startsWith("St", p)) {
                    p += 2;
                    t = "std::" + unqualified(null);
                } else {
                    t = substitution();
                    if (peek() == 'I') {
                        t = t + templateArgs();
                    } else {
                        return t;
                    }
                }
                break;
            }
            case 'N': t = nested().text; break;
            case 'D':
                if (s.startsWith("Dn", p)) { p += 2; return "decltype(nullptr)"; }
                if (s.startsWith("Ds", p)) { p += 2; return "char16_t"; }
                if (s.startsWith("Di", p)) { p += 2; return "char32_t"; }
                throw new IllegalStateException("type D at " + p);
            default:
                if (Character.isDigit(c)) {
                    t = sourceName();
                    if (peek() == 'I') {
                        subs.add(t);
                        t = t + templateArgs();
                    }
                    break;
                }
                throw new IllegalStateException("type at " + p);
        }
        subs.add(t);
        return t;
    }

    private static String pointerTo(String inner, String op) {
        int fn = inner.indexOf(" ()(");
        if (fn > 0) { // function pointer: void (*)(int)
            return inner.substring(0, fn) + " (" + op + ")" + inner.substring(fn + 3);
        }
        return inner + op;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalStateException("expected " + c + " at " + p);
        }
        p++;
    }
}
