package dev.fieldshell.shell.macro;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the macro tests that run simulators: a fresh {@link SimFixture} in its own directory per test, closed after it. */
abstract class SimFixtureTest {

    @TempDir
    Path tmp;
    SimFixture fx;

    @BeforeEach
    void openFixture() {
        fx = new SimFixture(tmp);
    }

    @AfterEach
    void closeFixture() {
        fx.close();
    }
}
