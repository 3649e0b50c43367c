package dev.fieldshell.shell.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several {@code ./fieldshell} starts at once (a user opening a second terminal, a script in a loop)
 * while the first is still assembling: the first build of a checkout, or the background assembly of a
 * class cache from its recording. There is one build, which the other starts wait for and then use,
 * and one assembly, which the other starts neither repeat nor re-record. The real script runs against
 * a stand-in {@code java} and a stand-in {@code mvn} that log their starts.
 */
class LauncherConcurrentStartTest {

    @TempDir
    Path tmp;

    private static Process launch(StandInCheckout co, Path path, String name, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(co.checkout().resolve("fieldshell").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(co.checkout().resolveSibling(name + ".out").toFile())
                .redirectError(co.checkout().resolveSibling(name + ".err").toFile());
        pb.environment().put("XDG_STATE_HOME", co.state().toString());
        pb.environment().put("PATH", path + ":" + System.getenv("PATH"));
        return pb.start();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    private static void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }

    private static void awaitExit(Process p) throws Exception {
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void startsDuringTheFirstBuildWaitForItAndRunItsJar() throws Exception {
        StandInCheckout co = StandInCheckout.create(tmp, "");
        Files.delete(co.jar()); // a fresh clone
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvnLog = tmp.resolve("mvn.log");
        Path mvn = bin.resolve("mvn");
        // the launcher runs Maven in the checkout; this one takes a while and then leaves the jar
        Files.writeString(mvn, "#!/usr/bin/env bash\necho \"$*\" >> '" + mvnLog + "'\nsleep 2\n"
                + "echo jar > shell/target/fieldshell.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        Process first = launch(co, bin, "first", "-c", "echo one");
        awaitFile(mvnLog); // the first start is building
        Process second = launch(co, bin, "second", "-c", "echo two");
        Process third = launch(co, bin, "third", "-c", "echo three");
        for (Process p : List.of(first, second, third)) {
            awaitExit(p);
        }

        assertThat(lines(mvnLog)).singleElement().asString().contains("package");
        assertThat(lines(co.log())).hasSize(3).allSatisfy(s -> assertThat(s).contains("-jar " + co.jar()));
        assertThat(Files.readString(tmp.resolve("first.err"))).contains("building").doesNotContain("waiting");
        for (String name : List.of("second", "third")) {
            assertThat(Files.readString(tmp.resolve(name + ".err")))
                    .contains("waiting for another start's build of this checkout").doesNotContain("building");
        }
    }

    @Test
    void startsDuringABackgroundAssemblyNeitherAssembleAgainNorRecordAgain() throws Exception {
        // an assembly run (-XX:AOTMode=create) takes a while, then writes the cache it is asked for
        StandInCheckout co = StandInCheckout.create(tmp, """
                for a in "$@"; do
                  case "$a" in -XX:AOTCache=*) [[ " $* " == *" -XX:AOTMode=create "* ]] && { sleep 3; echo "cache" > "${a#*=}"; };; esac
                done
                """);
        Files.setLastModifiedTime(co.jar(), FileTime.from(Instant.now().minusSeconds(300)));
        Path conf = Files.writeString(co.cache().resolve("fieldshell-sim.aotconf"), "recorded by an earlier start");
        Path aot = co.cache().resolve("fieldshell-sim.aot");

        awaitExit(launch(co, tmp, "first", "sim", "--ssh-port", "-1")); // begins the assembly in the background
        awaitExit(launch(co, tmp, "second", "sim", "--ssh-port", "-1"));
        awaitExit(launch(co, tmp, "third", "sim", "--ssh-port", "-1"));
        assertThat(aot).doesNotExist(); // all three started while it was assembling
        awaitFile(aot);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Files.exists(co.cache().resolve("fieldshell-sim.aot.lock")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        List<String> starts = lines(co.log());
        assertThat(starts).filteredOn(s -> s.contains("-XX:AOTMode=create")).singleElement().asString()
                .contains("-XX:AOTConfiguration=" + conf);
        assertThat(starts).noneSatisfy(s -> assertThat(s).contains("-XX:AOTMode=record"));
        assertThat(starts).filteredOn(s -> s.endsWith("sim --ssh-port -1")).hasSize(3);
        assertThat(conf).doesNotExist();
        assertThat(co.cache().resolve("fieldshell-sim.aot.lock")).doesNotExist();

        Files.delete(co.log());
        awaitExit(launch(co, tmp, "fourth", "sim", "--ssh-port", "-1"));
        assertThat(lines(co.log())).singleElement().asString().contains("-XX:AOTCache=" + aot).doesNotContain("AOTMode");
    }
}
