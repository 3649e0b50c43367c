package dev.fieldshell.shell.sim.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fieldshell.shell.sim.Fault;
import org.junit.jupiter.api.Test;

class SerialLineTest {

    private static long wire(long bytes) {
        return SerialLine.wireNanos(bytes, 115200);
    }

    @Test
    void aByteAt115200Is10BitsOnTheWire() {
        // 8N1: 10 bits per byte, so 11,520 bytes a second: 86.8 µs each (reference §1.2).
        assertThat(wire(1)).isEqualTo(86_806);
        assertThat(wire(11_520)).isEqualTo(1_000_000_000L);
        assertThat(SerialLine.wireNanos(3, 9600)).isEqualTo(3_125_000);
    }

    @Test
    void aReceivedChunkIsThereWhenItsLastByteHasCrossedAndItsEchoRidesAlong() throws Exception {
        VirtualClock clock = new VirtualClock();
        SerialLine line = new SerialLine(115200, clock);
        SerialLine.Arrival in = line.receive(11);
        assertThat(clock.nanoTime()).isEqualTo(wire(11));
        assertThat(in.first()).isEqualTo(wire(1));
        assertThat(in.last()).isEqualTo(wire(11));
        // Each of 10 typed bytes is echoed as it arrives: the echo ends one byte after the last of them.
        assertThat(line.send(10, in.first())).isEqualTo(wire(11));
        // The Enter echo follows it; output printed later waits for the wire to be free.
        assertThat(line.send(3, in.last())).isEqualTo(wire(14));
        assertThat(line.send(13)).isEqualTo(wire(27));
        line.drain();
        assertThat(clock.nanoTime()).isEqualTo(wire(27));
        assertThat(line.bytesIn()).isEqualTo(11);
        assertThat(line.bytesOut()).isEqualTo(26);
        // One sleep per received chunk and one per drain, never one per byte.
        assertThat(clock.sleeps()).isEqualTo(2);
    }

    @Test
    void aWriterWaitsOnlyWhileMoreThanTheBufferIsStillToCross() throws Exception {
        VirtualClock clock = new VirtualClock();
        SerialLine line = new SerialLine(100_000, clock); // 100 µs a byte
        line.send(200);
        line.awaitRoom(256);
        assertThat(clock.sleeps()).as("room left: no wait").isZero();
        line.send(300);
        line.awaitRoom(256);
        // 500 bytes on their way: it returns when 256 are left, after 244 bytes' time.
        assertThat(clock.nanoTime()).isEqualTo(24_400_000L);
        assertThat(clock.sleeps()).isEqualTo(1);
    }

    @Test
    void bothDirectionsRunAtOnceAndAnIdleWireStartsWhenBytesAreReady() throws Exception {
        VirtualClock clock = new VirtualClock();
        // 100,000 baud: 100 µs a byte, so times after a pause stay whole nanoseconds.
        SerialLine line = new SerialLine(100_000, clock);
        assertThat(line.send(100)).isEqualTo(10_000_000L);
        // Input is not held up by output on its way (full duplex).
        assertThat(line.receive(5).last()).isEqualTo(500_000L);
        clock.advance(1_000_000_000L);
        // After a second of silence a chunk takes only its own time.
        long t = clock.nanoTime();
        assertThat(line.send(2)).isEqualTo(t + 200_000L);
        // Two chunks back to back: the second queues behind the first.
        assertThat(line.send(7)).isEqualTo(t + 900_000L);
        assertThat(line.receive(4).last()).isEqualTo(t + 400_000L);
        assertThat(line.bytesIn()).isEqualTo(9);
        assertThat(line.bytesOut()).isEqualTo(109);
    }

    @Test
    void theFaultNamesARate() {
        assertThat(Fault.parse("baud=115200")).isEqualTo(new Fault.LineRate(115200));
        assertThatThrownBy(() -> Fault.parse("baud=0")).hasMessage("fault 'baud=0': the baud rate must be above 0");
        assertThatThrownBy(() -> Fault.parse("baud=fast")).hasMessage("fault 'baud=fast': 'fast' is not a whole number");
        assertThatThrownBy(() -> new SerialLine(0, new VirtualClock())).isInstanceOf(IllegalArgumentException.class);
    }
}
