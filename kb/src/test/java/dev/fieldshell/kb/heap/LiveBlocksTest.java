package dev.fieldshell.kb.heap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveBlocksTest {
    @Test
    void behavesLikeAMapUnderRandomPutsAndRemovesOfHeapAddresses() {
        LiveBlocks live = new LiveBlocks(1 << 20);
        Map<Long, Long> model = new HashMap<>();
        Random rnd = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long addr = 0x3ffb0000L + 8L * rnd.nextInt(20_000); // few distinct addresses: many collisions and reuses
            if (rnd.nextInt(3) == 0) {
                long got = live.remove(addr);
                Long want = model.remove(addr);
                assertThat(got).isEqualTo(want == null ? -1 : want);
            } else {
                int chain = rnd.nextInt(500);
                long size = 1 + rnd.nextInt(4096);
                assertThat(live.put(addr, chain, size)).isTrue();
                model.put(addr, ((long) chain << 32) | size);
            }
            assertThat(live.size()).isEqualTo(model.size());
        }
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            long v = live.remove(e.getKey());
            assertThat(LiveBlocks.chainOf(v)).isEqualTo((int) (e.getValue() >>> 32));
            assertThat(LiveBlocks.sizeOf(v)).isEqualTo(e.getValue() & 0xffffffffL);
        }
        assertThat(live.size()).isZero();
    }

    @Test
    void stopsTakingNewAddressesAtItsLimit() {
        LiveBlocks live = new LiveBlocks(3);
        assertThat(live.put(1, 0, 8)).isTrue();
        assertThat(live.put(2, 0, 8)).isTrue();
        assertThat(live.put(3, 0, 8)).isTrue();
        assertThat(live.put(4, 0, 8)).isFalse();
        assertThat(live.put(3, 1, 16)).isTrue();
        assertThat(LiveBlocks.chainOf(live.remove(3))).isEqualTo(1);
    }
}
