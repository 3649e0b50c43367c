package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.link.LinkException;
import dev.fieldshell.shell.link.ModuleLink;
import dev.fieldshell.shell.ovms.ConfigKey;
import dev.fieldshell.shell.ovms.FileState;
import dev.fieldshell.shell.ovms.ModuleReader;
import dev.fieldshell.shell.ovms.VfsEntry;
import java.util.List;
import java.util.Optional;

/**
 * What the macro API reads from a module, for the live and the recording backend alike: a link
 * failure becomes the one line a macro sees, naming what was being read.
 */
final class MacroReads {
    private final ModuleReader reader;

    MacroReads(ModuleLink link) {
        this.reader = new ModuleReader(link);
    }

    FileState read(String path) throws MacroException {
        try {
            return reader.read(path);
        } catch (LinkException e) {
            throw new MacroException("reading " + path + ": " + e.getMessage());
        }
    }

    boolean exists(String path) throws MacroException {
        try {
            return reader.stat(path).isPresent();
        } catch (LinkException e) {
            throw new MacroException("reading " + path + ": " + e.getMessage());
        }
    }

    List<VfsEntry> ls(String dir) throws MacroException {
        try {
            return reader.ls(dir);
        } catch (LinkException e) {
            throw new MacroException("listing " + dir + ": " + e.getMessage());
        }
    }

    Optional<String> config(String param, String instance) throws MacroException {
        try {
            return reader.config(new ConfigKey(param, instance));
        } catch (LinkException e) {
            throw new MacroException("reading config " + param + " " + instance + ": " + e.getMessage());
        }
    }
}
