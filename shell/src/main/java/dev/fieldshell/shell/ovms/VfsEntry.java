package dev.fieldshell.shell.ovms;

import java.util.ArrayList;
import java.util.List;

/** One line of {@code vfs ls}: {@code "%8.8s  %17.17s  %s%s"} (size or {@code [DIR]}, time, name, {@code /} for directories). */
public record VfsEntry(String name, boolean directory, String size) {

    /** Parses {@code vfs ls} output; lines that do not have the format are skipped. */
    public static List<VfsEntry> parseListing(String output) {
        List<VfsEntry> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.length() < 8 + 2 + 17 + 2 + 1) {
                continue;
            }
            String size = line.substring(0, 8).strip();
            String name = line.substring(8 + 2 + 17 + 2);
            boolean dir = name.endsWith("/");
            if (dir) {
                name = name.substring(0, name.length() - 1);
            }
            if (!name.isEmpty()) {
                out.add(new VfsEntry(name, dir, size));
            }
        }
        return out;
    }
}
