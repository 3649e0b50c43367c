package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code heap compare} example runs on files committed under
 * {@code src/test/resources/heap/seed003/}; they must be exactly what {@link Seed003Dumps} writes,
 * so the example and the tests built on the generator describe the same windows.
 */
class Seed003FilesTest {

    static final Path COMMITTED = Path.of("src/test/resources/heap/seed003");

    @Test
    void theCommittedExampleInputsAreWhatTheGeneratorWrites(@TempDir Path tmp) throws Exception {
        Seed003Dumps.main(new String[] {tmp.toString()});
        for (String name : new String[] {"window_90s.json", "window_600s.json", "symbols.txt"}) {
            assertThat(Files.readString(COMMITTED.resolve(name)))
                    .as(name + " differs from Seed003Dumps' output; regenerate it (see Seed003Dumps' comment)")
                    .isEqualTo(Files.readString(tmp.resolve(name)));
        }
    }
}
