package dev.fieldshell.shell.link;

/**
 * What a module told us about itself. {@code firmware} is the full version string as the banner or
 * {@code ota status} prints it (e.g. {@code 3.3.006-259-g1aa1daff1/ota_0/edge}); empty when unknown.
 */
public record ModuleInfo(String firmware, String hardware, boolean secure) {
    public static final ModuleInfo UNKNOWN = new ModuleInfo("", "", false);
}
