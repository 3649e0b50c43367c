/*
 * A tiny firmware-shaped program for the ELF symbol tests. Built with Debian's
 * xtensa-lx106-elf-gcc by build.sh; the committed fixture.elf is its output.
 * It has functions in .text and in an IRAM-like executable section, an inlined
 * helper, a const table of function pointers and a version string (both data,
 * which must never be decoded as code), and a writable counter.
 */
typedef int (*handler_fn)(int);

volatile int event_counter;
int sample_buffer[16] = {1, 2, 3};
const char firmware_version[] = "3.3.099-7-gf1x7ure/ota_0/main";

static inline __attribute__((always_inline)) int scale(int v) {
    return v * 3 + event_counter;
}

__attribute__((noinline)) int mg_send(int len) {
    event_counter += len;
    return scale(len);
}

__attribute__((noinline)) int mg_mgr_poll(int timeout) {
    int total = 0;
    for (int i = 0; i < timeout; i++) {
        total += mg_send(i);
    }
    return total;
}

__attribute__((noinline, section(".iram1.text"))) int heap_caps_malloc(int size) {
    sample_buffer[size & 15] = size;
    return size + 8;
}

__attribute__((noinline)) static int console_poll(int n) {
    return heap_caps_malloc(n) + mg_mgr_poll(n);
}

const handler_fn handler_table[] = {mg_send, mg_mgr_poll, console_poll};

__attribute__((noinline)) int dispatch_event(int which, int arg) {
    return handler_table[which & 1](arg);
}

void _start(void) {
    event_counter = dispatch_event(2, firmware_version[0]);
    for (;;) {
    }
}
