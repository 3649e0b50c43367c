package dev.fieldshell.shell.link;

import com.fazecast.jSerialComm.SerialPort;
import dev.fieldshell.shell.ovms.FirmwareVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A module's USB console (jSerialComm), after §1.2 and §9 of the console reference: 115200 8N1
 * without flow control by default; log lines, always shown on this console and interleaved with
 * command output, are told apart by {@link ConsoleFramer} and go to the log listener.
 *
 * <p>DTR and RTS: the module's USB bridge wires them to the ESP32's reset and boot pins. They are
 * never toggled here; both are set deasserted before the port opens, so opening it does not pulse
 * them (jSerialComm would otherwise assert them on open).
 */
public final class SerialLink implements ModuleLink {

    private static final Duration PROBE = Duration.ofSeconds(5);

    private final String target;
    private final SerialPort port;
    private final FramedConsole console;
    private final Thread reader;
    private volatile boolean closing;
    private volatile Duration timeout = Duration.ofSeconds(30);
    private volatile ModuleInfo info;
    /** Whether {@code m.version} was asked on a secure console (once is enough, answer or not). */
    private volatile boolean versionAsked;

    private SerialLink(String target, SerialPort port) {
        this.target = target;
        this.port = port;
        this.console = new FramedConsole(target, this::send);
        this.reader = new Thread(this::readLoop, "serial-" + port.getSystemPortName());
        this.reader.setDaemon(true);
    }

    /** Opens the port and checks that a console answers there. */
    public static SerialLink open(TargetSpec.Serial spec) throws LinkException {
        Path dev = Path.of(spec.device());
        if (!Files.exists(dev)) {
            throw new LinkException(spec.text() + ": no such serial port " + spec.device() + " (is the cable plugged in?)");
        }
        if (Files.isDirectory(dev) || Files.isRegularFile(dev)) {
            // jSerialComm would say only "error 21" or "error 25"; a typo in the path is the likely cause.
            throw new LinkException(spec.text() + ": " + spec.device() + " is " + (Files.isDirectory(dev) ? "a directory" : "a file")
                    + ", not a serial port (the module's USB console is a device like /dev/ttyUSB0 or /dev/ttyACM0)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(spec.device());
        } catch (RuntimeException e) {
            throw new LinkException(spec.text() + ": cannot use " + spec.device() + ": " + e.getMessage(), e);
        }
        port.setComPortParameters(spec.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.clearDTR();
        port.clearRTS();
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 200, 0);
        if (!port.openPort(0)) {
            throw new LinkException(spec.text() + ": cannot open " + spec.device() + " (error " + port.getLastErrorCode()
                    + "; in use by another program, or no permission: is the user in the dialout group?)");
        }
        SerialLink link = new SerialLink(spec.text(), port);
        link.reader.start();
        try {
            link.console.sync(PROBE);
        } catch (LinkException e) {
            link.close();
            throw e;
        }
        try {
            link.info = new ModuleInfo(link.firmwareMetric(), "", link.console.secure());
        } catch (LinkException e) {
            link.close();
            throw e;
        }
        return link;
    }

    /**
     * The firmware version from metric {@code m.version}: the UART prints its banner only at boot, and
     * plans are rendered for the firmware (e.g. {@code vfs echo} from 3.3.006). Empty when the console
     * is not secure ({@code metrics} is a secure command) or the answer holds no version. A console
     * that is not secure tells nothing else reliable: no banner after boot (§1.2), and the {@code Version:}
     * line of {@code boot status} (§7) is the crashed firmware's, and only after a crash. The version is
     * read once the user's {@code enable} has made the console secure.
     */
    private String firmwareMetric() throws LinkException {
        if (!console.secure()) {
            return "";
        }
        versionAsked = true;
        String out = console.exchange("metrics list m.version", s -> {}, PROBE, true).output();
        for (String line : out.lines().toList()) {
            String[] f = line.strip().split("\\s+", 2);
            if (f.length == 2 && f[0].equals("m.version") && FirmwareVersion.parse(f[1]).isPresent()) {
                return f[1];
            }
        }
        return "";
    }

    private void readLoop() {
        Utf8Decoder decoder = new Utf8Decoder();
        byte[] buf = new byte[4096];
        while (!closing) {
            int n = port.readBytes(buf, buf.length);
            if (n < 0) {
                break; // the port went away (unplugged, or closed)
            }
            if (n > 0) {
                console.received(decoder.decode(buf, 0, n));
            }
        }
        console.closed();
    }

    private void send(String text) throws LinkException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int written = port.writeBytes(b, b.length);
        if (written != b.length) {
            console.markBroken();
            throw new LinkException(target + ": the serial port stopped taking data (closed or unplugged)");
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    @Override
    public synchronized CommandResult run(String commandLine) throws LinkException {
        return exchange(commandLine, s -> {}, true);
    }

    @Override
    public synchronized CommandResult stream(String commandLine, Consumer<String> sink) throws LinkException {
        return exchange(commandLine, sink, false);
    }

    private CommandResult exchange(String commandLine, Consumer<String> sink, boolean bounded) throws LinkException {
        if (commandLine.indexOf('\n') >= 0 || commandLine.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("one command line at a time (no newline inside)");
        }
        if (commandLine.isBlank()) {
            return new CommandResult(target, commandLine, "", Duration.ZERO);
        }
        try {
            CommandResult r = console.exchange(commandLine, sink, timeout, bounded);
            info = new ModuleInfo(info.firmware(), info.hardware(), console.secure());
            if (!versionAsked && console.secure()) {
                // After an 'enable' the version can be read; until then plans are rendered for an unknown firmware.
                info = new ModuleInfo(firmwareMetric(), info.hardware(), true);
            }
            return r;
        } catch (LinkException e) {
            if (console.broken()) {
                close();
            }
            throw e;
        }
    }

    @Override
    public void interrupt() {
        console.interrupt();
    }

    @Override
    public void onLog(Consumer<String> listener) {
        console.onLog(listener);
    }

    @Override
    public boolean isOpen() {
        return !closing && !console.broken();
    }

    @Override
    public Duration commandTimeout() {
        return timeout;
    }

    public void commandTimeout(Duration d) {
        this.timeout = d;
    }

    @Override
    public void close() {
        closing = true;
        port.closePort();
    }
}
