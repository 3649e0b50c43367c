package dev.fieldshell.shell.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A throw-away checkout for testing the real {@code ./fieldshell} script: the launcher copied in, a
 * placeholder jar, and a stand-in {@code java} (the launcher's cached JDK choice points at it) that logs
 * each start's arguments to {@link #log} and then runs {@code javaBody}, so the launcher's decisions are
 * checked without a JVM's seconds of work.
 *
 * @param checkout the checkout directory holding {@code fieldshell}
 * @param jar      {@code shell/target/fieldshell.jar} (not a jar)
 * @param log      one line per start of the stand-in java: its arguments
 * @param state    the {@code XDG_STATE_HOME} to run the launcher with
 * @param cache    the launcher's class-cache directory for this checkout and JDK 25
 */
public record StandInCheckout(Path checkout, Path jar, Path log, Path state, Path cache) {

    /** Sets one up below {@code tmp}; {@code javaBody} is bash run after the arguments are logged ({@code "$@"} usable). */
    public static StandInCheckout create(Path tmp, String javaBody) throws Exception {
        Path checkout = Files.createDirectories(tmp.resolve("checkout")).toRealPath();
        Path launcher = Path.of(System.getProperty("user.dir")).resolveSibling("fieldshell");
        if (!Files.exists(launcher)) {
            launcher = Path.of(System.getProperty("user.dir"), "fieldshell"); // run from the repository root
        }
        Files.copy(launcher, checkout.resolve("fieldshell"));
        Path jar = Files.createDirectories(checkout.resolve("shell/target")).resolve("fieldshell.jar");
        Files.writeString(jar, "not a jar: the stand-in java never opens it");
        Path log = tmp.resolve("java.log");
        Path java = tmp.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" >> '" + log + "'\n" + javaBody);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stateHome = tmp.resolve("state");
        Path state = Files.createDirectories(stateHome.resolve("fieldshell"));
        Files.writeString(state.resolve("java"), java + "\n");
        Files.writeString(state.resolve("java-major"), java + "\n25\n");
        Path cache = Files.createDirectories(state.resolve("class-cache").resolve(checkout.toString().replace('/', '_') + "-jdk25"));
        return new StandInCheckout(checkout, jar, log, stateHome, cache);
    }
}
