package dev.fieldshell.kb.suggest;

import dev.fieldshell.kb.symbols.ElfImage;
import dev.fieldshell.kb.symbols.SymbolStore;
import dev.fieldshell.kb.symbols.SymbolTable;
import java.util.Optional;

/**
 * Where names for a raw backtrace may come from, besides the KB: an ELF given with {@code --elf},
 * a text map given with {@code --symbols}, and the per-build store.
 */
public record SymbolSources(Optional<ElfImage> elf, Optional<SymbolTable> map, Optional<SymbolStore> store) {
    public static SymbolSources none() {
        return new SymbolSources(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
