package dev.fieldshell.kb.explain;

import java.util.List;
import java.util.Map;

/**
 * One explanation rule from {@code explain-rules.yaml}: when every condition holds on the crash's
 * facts, say the sentence with {@code {fact}} placeholders filled in, and name what a report of
 * the same cause would say ({@code look for}, placeholders filled in the same way).
 */
record Rule(String id, List<Condition> when, String say, List<String> lookFor) {

    Rule {
        lookFor = List.copyOf(lookFor);
    }

    /**
     * A test of one fact: {@code present}, {@code absent}, {@code equals}, {@code in} (list), {@code notIn}
     * (present and none of the list),
     * {@code below}, {@code between} ([low, high], inclusive), {@code matches} (glob with *).
     * Numbers compare as numbers whether written in hex or decimal.
     */
    record Condition(String fact, String op, List<String> values) {

        boolean holds(Map<String, String> facts) {
            String v = facts.get(fact);
            return switch (op) {
                case "present" -> v != null;
                case "absent" -> v == null;
                case "equals" -> v != null && same(v, values.get(0));
                case "in" -> v != null && values.stream().anyMatch(x -> same(v, x));
                case "notIn" -> v != null && values.stream().noneMatch(x -> same(v, x));
                case "below" -> v != null && number(v) != null && number(values.get(0)) != null
                        && number(v) < number(values.get(0));
                case "between" -> v != null && number(v) != null && number(v) >= number(values.get(0))
                        && number(v) <= number(values.get(1));
                case "matches" -> v != null && values.stream().anyMatch(p -> glob(p, v));
                default -> false;
            };
        }

        private static boolean same(String a, String b) {
            Long x = number(a);
            Long y = number(b);
            return x != null && y != null ? x.longValue() == y.longValue() : a.equals(b);
        }

        static Long number(String s) {
            if (s == null) {
                return null;
            }
            String t = s.strip();
            try {
                if (t.startsWith("0x") || t.startsWith("0X")) {
                    return t.length() > 2 && t.length() <= 18 ? Long.parseUnsignedLong(t.substring(2), 16) : null;
                }
                return !t.isEmpty() && t.length() <= 18 && t.chars().allMatch(Character::isDigit) ? Long.parseLong(t) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static boolean glob(String pattern, String text) {
            int p = 0;
            int t = 0;
            int star = -1;
            int mark = 0;
            while (t < text.length()) {
                if (p < pattern.length() && pattern.charAt(p) != '*' && pattern.charAt(p) == text.charAt(t)) {
                    p++;
                    t++;
                } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                    star = p++;
                    mark = t;
                } else if (star >= 0) {
                    p = star + 1;
                    t = ++mark;
                } else {
                    return false;
                }
            }
            while (p < pattern.length() && pattern.charAt(p) == '*') {
                p++;
            }
            return p == pattern.length();
        }
    }

    boolean applies(Map<String, String> facts) {
        for (Condition c : when) {
            if (!c.holds(facts)) {
                return false;
            }
        }
        return true;
    }

    /** The sentence with each {@code {fact}} replaced; a placeholder of a missing fact stays as written. */
    String render(Map<String, String> facts) {
        return fill(say, facts);
    }

    /** The {@code look for} words with their placeholders filled; one whose fact is missing is left out. */
    List<String> lookFor(Map<String, String> facts) {
        List<String> out = new java.util.ArrayList<>();
        for (String w : lookFor) {
            String filled = fill(w, facts);
            if (!filled.contains("{") && !filled.isBlank()) {
                out.add(filled);
            }
        }
        return out;
    }

    private static String fill(String say, Map<String, String> facts) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < say.length()) {
            char c = say.charAt(i);
            int close = c == '{' ? say.indexOf('}', i) : -1;
            if (close > i) {
                String key = say.substring(i + 1, close);
                String v = facts.get(key);
                sb.append(v != null ? v : say, v != null ? 0 : i, v != null ? v.length() : close + 1);
                i = close + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
