package dev.fieldshell.kb.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JulLoggerFinderTest {

    @Test
    void theJdkFindsItAndPlatformLoggersStillReachJavaUtilLogging() {
        assertThat(System.LoggerFinder.getLoggerFinder()).isInstanceOf(JulLoggerFinder.class);

        Logger jul = Logger.getLogger("fieldshell.test.finder");
        List<LogRecord> seen = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        jul.addHandler(h);
        jul.setUseParentHandlers(false);
        jul.setLevel(java.util.logging.Level.FINE);
        try {
            System.Logger platform = System.getLogger("fieldshell.test.finder");
            platform.log(System.Logger.Level.ERROR, "disk {0} full", "/store");
            platform.log(System.Logger.Level.DEBUG, "debug line");
            platform.log(System.Logger.Level.TRACE, "below the logger's level");
            assertThat(platform.isLoggable(System.Logger.Level.TRACE)).isFalse();
        } finally {
            jul.removeHandler(h);
        }

        assertThat(seen).extracting(LogRecord::getLevel)
                .containsExactly(java.util.logging.Level.SEVERE, java.util.logging.Level.FINE);
        assertThat(seen.get(0).getMessage()).isEqualTo("disk {0} full");
        assertThat(seen.get(0).getParameters()).containsExactly("/store");
    }
}
