package dev.fieldshell.shell.link;

import java.util.Map;

/** A parsed target text: the simulator, an SSH module, or a serial port. */
public sealed interface TargetSpec {

    /** The text the user gave. */
    String text();

    /** The built-in simulator: {@code sim}, or {@code sim:3.3.005} for one that runs that firmware ({@code firmware} empty: the default). */
    record Sim(String text, String firmware) implements TargetSpec {}

    /**
     * An SSH target. {@code user} is empty and {@code port} 0 when not given (then
     * {@code ~/.ssh/config} or the defaults decide); {@code alias} tells whether {@code host} was a
     * bare name that {@code ~/.ssh/config} may resolve. {@code options} come from a {@code ?a=b&c=d}
     * suffix ({@code framing=shell|exec}).
     */
    record Ssh(String text, String user, String host, int port, boolean alias, Map<String, String> options)
            implements TargetSpec {}

    /** A serial port, {@code serial:/dev/ttyUSB0?baud=115200}. */
    record Serial(String text, String device, int baud) implements TargetSpec {}
}
