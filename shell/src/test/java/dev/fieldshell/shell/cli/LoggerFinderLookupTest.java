package dev.fieldshell.shell.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A fragile start-up fact: the first {@code java.util.logging} use (JLine's, on the way to the
 * prompt) makes the JDK resolve {@link System.LoggerFinder}; it takes the first provider and asks
 * whether there is another. That question is answered without opening the GraalJS and Lucene jars
 * only when fieldshell's own services file names two providers and the kb jar, which declares one
 * too, comes right after fieldshell's classes (see {@code JulLoggerFinder}). The manifest's
 * Class-Path follows the shell module's dependency order, as the test class path does, so this
 * runs the lookup in a fresh JVM on the test class path and lists the jars that JVM has open.
 */
class LoggerFinderLookupTest {

    /** Resolves the LoggerFinder, then prints its class and every jar the JVM has open. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            System.out.println("finder " + System.LoggerFinder.getLoggerFinder().getClass().getName());
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.endsWith(".jar")) {
                            System.out.println("open " + target);
                        }
                    } catch (java.io.IOException e) {
                        // the directory stream's own descriptor is gone by now
                    }
                }
            }
        }
    }

    @Test
    void resolvingTheLoggerFinderOpensNoGraalJsOrLuceneJar() throws Exception {
        List<String> cp = new ArrayList<>(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)));
        // The probe's own classes first: loading it must not walk the class path either.
        String testClasses = cp.stream().filter(e -> e.endsWith("test-classes")).findFirst().orElseThrow();
        cp.remove(testClasses);
        cp.add(0, testClasses);
        List<String> jarsOnPath = cp.stream().filter(e -> e.endsWith(".jar")).toList();
        assertThat(jarsOnPath).as("the class path this test mirrors").anyMatch(e -> e.contains("lucene-core"))
                .anyMatch(e -> e.contains("truffle-api"));

        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-cp", String.join(File.pathSeparator, cp), Probe.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        assertThat(out).contains("finder dev.fieldshell.kb.logging.JulLoggerFinder");
        List<String> opened = out.lines().filter(l -> l.startsWith("open ")).toList();
        assertThat(opened).as("jars open after resolving System.LoggerFinder")
                .noneMatch(l -> l.contains("lucene") || l.contains("truffle") || l.contains("polyglot")
                        || l.contains("js-language") || l.contains("icu4j") || l.contains("regex-"));
    }
}
