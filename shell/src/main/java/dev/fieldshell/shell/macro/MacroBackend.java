package dev.fieldshell.shell.macro;

import dev.fieldshell.shell.ovms.VfsEntry;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code ovms} API does underneath: {@link RecordingBackend} records changes into a plan
 * (macro mode), {@link LiveBackend} carries them out at once ({@code :js} and collecting macros).
 * Every method either succeeds or throws {@link MacroException} with a message for the user.
 */
public interface MacroBackend {

    /** The module's firmware as the banner gave it; empty when unknown. */
    String firmware();

    /** The target's name, e.g. {@code sim} or {@code ssh://admin@10.0.0.5}. */
    String target();

    /** Whether the module's firmware has the feature of that id in the firmware table. */
    boolean has(String feature) throws MacroException;

    void writeFile(String path, String content) throws MacroException;

    void appendLine(String path, String line) throws MacroException;

    void remove(String path) throws MacroException;

    void mkdir(String path) throws MacroException;

    /** The file's content, or empty when it does not exist. */
    Optional<String> cat(String path) throws MacroException;

    /** Whether the file exists (by {@code vfs stat}, without reading it). */
    boolean exists(String path) throws MacroException;

    List<VfsEntry> ls(String dir) throws MacroException;

    void raise(String event, long delayMs) throws MacroException;

    void configSet(String param, String instance, String value) throws MacroException;

    Optional<String> configGet(String param, String instance) throws MacroException;

    /** Runs (or records) a command line as given; returns its output, or empty when only recorded. */
    Optional<String> exec(String commandLine) throws MacroException;

    void sleep(long millis) throws MacroException;

    /** Saves text to a local file under the user's output directory; returns the absolute path. */
    String save(String name, String text) throws MacroException;

    /** A line for the user (the macro's {@code print}). */
    void print(String line);
}
