package dev.fieldshell.kb.signature;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameClassifierTest {

    private final FrameClassifier c = FrameClassifier.standard();

    @Test
    void allocatorFramesForHeapTraceAnalysis() {
        assertThat(c.isAllocator("heap_caps_malloc_default")).isTrue();
        assertThat(c.isAllocator("multi_heap_malloc_impl")).isTrue();
        assertThat(c.isAllocator("calloc")).isTrue();
        assertThat(c.isAllocator("mbedtls_calloc")).isTrue();
        assertThat(c.isAllocator("operator new(unsigned int)")).isTrue();
        assertThat(c.isAllocator("esp_crt_copy_asn1")).isFalse();
        assertThat(c.isAllocator("callocate_things")).isFalse();
    }

    @Test
    void irrelevantPanicMachinery() {
        for (String f : new String[] {"panic_abort", "esp_system_abort", "abort", "__assert_func", "vPortTaskWrapper",
                "esp_backtrace_print", "xt_unhandled_exception"}) {
            assertThat(c.isIrrelevant(f)).as(f).isTrue();
        }
        assertThat(c.isIrrelevant("mg_send")).isFalse();
    }

    @Test
    void locksAreprefixesAndSayWhichRule() {
        assertThat(c.isPrefix("xQueueGenericReceive")).isTrue();
        assertThat(c.isPrefix("xSemaphoreTake")).isTrue();
        assertThat(c.isPrefix("OvmsMutex::Lock(unsigned int)")).isTrue();
        assertThat(c.classify("xQueueGenericReceive").rule()).isEqualTo("prefix-lock.txt: xQueue*");
        assertThat(c.classify("mg_mgr_poll").frameClass()).isEqualTo(FrameClass.NORMAL);
    }

    @Test
    void globsMatchWholeNames() {
        assertThat(GlobList.matches("heap_caps_*", "heap_caps_free")).isTrue();
        assertThat(GlobList.matches("heap_caps_*", "my_heap_caps_free")).isFalse();
        assertThat(GlobList.matches("*Allocator<T>::allocate", "ExtRamAllocator<T>::allocate")).isTrue();
        assertThat(GlobList.matches("abort", "abort2")).isFalse();
    }
}
