package dev.fieldshell.kb.symbols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SymbolStoreTest {

    @Test
    void storesAnElfUnderXdgDataAndFindsItForAnyPartitionOfThatBuild(@TempDir Path data, @TempDir Path work) throws Exception {
        SymbolStore store = SymbolStore.standard(Map.of("XDG_DATA_HOME", data.toString()));
        Path elf = ElfReaderTest.fixture(work);

        SymbolStore.Added added = store.add("3.3.099-7-gf1x7ure/ota_0/main", elf);

        assertThat(added.entry().file()).startsWith(data.resolve("fieldshell/symbols/3.3.099-7-gf1x7ure"));
        assertThat(added.entry().kind()).isEqualTo("elf");
        assertThat(store.list()).extracting(SymbolStore.Entry::build).containsExactly("3.3.099-7-gf1x7ure");
        SymbolStore.StoredSymbols found = store.forVersion("3.3.099-7-gf1x7ure/ota_1/edge (build idf v3.3.4)").orElseThrow();
        assertThat(found.table().functionAt(0x400d0031L)).contains("mg_send");
        assertThat(store.forVersion("3.3.004-1-gabc")).isEmpty();
    }

    @Test
    void aTextMapWithGarbageIsStoredWithItsProblemsListed(@TempDir Path data, @TempDir Path work) throws Exception {
        SymbolStore store = new SymbolStore(data);
        Path map = work.resolve("symbols.txt");
        Files.writeString(map, "0x4008e57e heap_caps_malloc_default heap_caps.c:120\n%%% junk\n");
        SymbolStore.Added added = store.add("3.3.005-1-gabc", map);
        assertThat(added.problems()).containsExactly("symbols.txt:2: not an address/function line: %%% junk");
        assertThat(store.forVersion("3.3.005-1-gabc/ota_0/main").orElseThrow().table().functionAt(0x4008e57eL))
                .contains("heap_caps_malloc_default");
    }

    @Test
    void refusesFilesWithoutSymbolsAndVersionsThatAreNot(@TempDir Path data, @TempDir Path work) throws Exception {
        SymbolStore store = new SymbolStore(data);
        Path junk = work.resolve("junk.txt");
        Files.writeString(junk, "hello\nworld\n");
        assertThatThrownBy(() -> store.add("3.3.005", junk)).hasMessageStartingWith(junk + ": no symbols found");
        assertThatThrownBy(() -> store.add("latest", junk)).hasMessageContaining("is not a firmware version");
        assertThatThrownBy(() -> store.add("3.3.005", work.resolve("missing.elf"))).hasMessageEndingWith("no such file");
        // a directory given for the ELF (a build folder) is not reported as missing
        assertThatThrownBy(() -> store.add("3.3.005", work)).hasMessage(work + ": a directory, not an ELF or a symbol map");
        assertThat(store.list()).isEmpty();
    }
}
