package dev.fieldshell.kb.symbols;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads a little-endian ELF32 (ESP32 Xtensa or ESP32-C* RISC-V firmware): section headers,
 * {@code .symtab} and its string table. Keeps FUNC symbols of executable sections only, so an
 * address in a register dump that points at data is never given a function name. Every malformed
 * input ends in a {@link SymbolsException} with one line that says what and where.
 */
public final class ElfReader {

    private static final int EHDR_SIZE = 52;
    private static final int SHDR_SIZE = 40;
    private static final int SYM_SIZE = 16;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHF_ALLOC = 0x2;
    private static final int SHF_EXECINSTR = 0x4;
    private static final int STT_FUNC = 2;
    private static final int SHN_LORESERVE = 0xff00;
    /** Size-less FUNC symbols (hand-written assembly) cover at most this much past their start. */
    private static final long SIZELESS_GAP = 0x400;

    private static final Map<Integer, String> MACHINES = Map.of(
            3, "x86", 62, "x86-64", 40, "ARM", 183, "AArch64", 8, "MIPS", 94, "Xtensa", 243, "RISC-V");

    private ElfReader() {}

    public static ElfImage read(Path file) throws SymbolsException {
        byte[] bytes;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new SymbolsException(file + ": " + size + " bytes is too large for a firmware ELF");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SymbolsException(file + ": no such file");
        } catch (IOException e) {
            throw new SymbolsException(file + ": cannot read: " + e.getMessage(), e);
        }
        return read(bytes, file.toString());
    }

    /** Parses {@code bytes}; {@code name} is used in messages. */
    public static ElfImage read(byte[] bytes, String name) throws SymbolsException {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new SymbolsException(name + ": not an ELF file (no \\x7fELF magic at byte 0)");
        }
        if (bytes.length < EHDR_SIZE) {
            throw new SymbolsException(name + ": truncated ELF: " + bytes.length + " bytes, the ELF header alone needs " + EHDR_SIZE);
        }
        if (bytes[4] != 1) {
            throw new SymbolsException(name + ": " + (bytes[4] == 2 ? "64-bit" : "unknown class") + " ELF ("
                    + machineName(b.order(bytes[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN).getShort(18) & 0xffff)
                    + "); ESP32 firmware is a 32-bit Xtensa or RISC-V ELF");
        }
        if (bytes[5] != 1) {
            throw new SymbolsException(name + ": big-endian ELF; ESP32 firmware is little-endian Xtensa or RISC-V");
        }
        int machine = b.getShort(18) & 0xffff;
        if (machine != ElfImage.EM_XTENSA && machine != ElfImage.EM_RISCV) {
            throw new SymbolsException(name + ": ELF for " + machineName(machine) + " (e_machine " + machine
                    + "), not for an ESP32 (Xtensa 94 or RISC-V 243)");
        }
        long shoff = u32(b, 32);
        int shentsize = b.getShort(46) & 0xffff;
        int shnum = b.getShort(48) & 0xffff;
        if (shnum == 0 || shoff == 0) {
            throw new SymbolsException(name + ": ELF has no section headers, so no symbol table");
        }
        if (shentsize < SHDR_SIZE) {
            throw new SymbolsException(name + ": bad section header size " + shentsize + " at byte offset 46");
        }
        long tableEnd = shoff + (long) shnum * shentsize;
        if (tableEnd > bytes.length) {
            throw new SymbolsException(name + ": truncated ELF: section headers end at byte offset " + tableEnd
                    + " but the file has " + bytes.length + " bytes");
        }
        List<Section> sections = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int o = (int) (shoff + (long) i * shentsize);
            sections.add(new Section(i, (int) u32(b, o), (int) u32(b, o + 4), u32(b, o + 8), u32(b, o + 12),
                    u32(b, o + 16), u32(b, o + 20), (int) u32(b, o + 24), o));
        }
        int shstrndx = b.getShort(50) & 0xffff;
        Section shstr = shstrndx < sections.size() ? sections.get(shstrndx) : null;

        List<FunctionTable.AddressRange> exec = new ArrayList<>();
        List<byte[]> data = new ArrayList<>();
        for (Section s : sections) {
            if ((s.flags & SHF_ALLOC) == 0 || s.type != SHT_PROGBITS || s.size == 0) {
                continue;
            }
            String sname = shstr == null ? "#" + s.index : cString(bytes, shstr, s.nameOffset, name);
            if ((s.flags & SHF_EXECINSTR) != 0) {
                exec.add(new FunctionTable.AddressRange(sname, s.addr, s.size));
            } else {
                checkInFile(s, bytes.length, name);
                byte[] copy = new byte[(int) s.size];
                System.arraycopy(bytes, (int) s.offset, copy, 0, copy.length);
                data.add(copy);
            }
        }

        Section symtab = sections.stream().filter(s -> s.type == SHT_SYMTAB).findFirst().orElseThrow(
                () -> new SymbolsException(name + ": no .symtab section (stripped ELF?); use the unstripped firmware ELF from the build directory"));
        checkInFile(symtab, bytes.length, name);
        if (symtab.link <= 0 || symtab.link >= sections.size()) {
            throw new SymbolsException(name + ": .symtab names string table #" + symtab.link + " which does not exist");
        }
        Section strtab = sections.get(symtab.link);
        checkInFile(strtab, bytes.length, name);

        List<FunctionSymbol> functions = new ArrayList<>();
        long count = symtab.size / SYM_SIZE;
        for (long i = 0; i < count; i++) {
            int o = (int) (symtab.offset + i * SYM_SIZE);
            int info = bytes[o + 12] & 0xff;
            int shndx = b.getShort(o + 14) & 0xffff;
            if ((info & 0xf) != STT_FUNC || shndx == 0 || shndx >= SHN_LORESERVE || shndx >= sections.size()) {
                continue;
            }
            Section home = sections.get(shndx);
            if ((home.flags & SHF_EXECINSTR) == 0) {
                continue;
            }
            String fname = cString(bytes, strtab, (int) u32(b, o), name);
            if (fname.isEmpty()) {
                continue;
            }
            functions.add(new FunctionSymbol(Demangler.demangle(fname), u32(b, o + 4), u32(b, o + 8)));
        }
        if (functions.isEmpty()) {
            throw new SymbolsException(name + ": .symtab holds no function symbols in executable sections");
        }
        return new ElfImage(name, machine, new FunctionTable(name, functions, exec, SIZELESS_GAP), sha256(bytes), data);
    }

    private static void checkInFile(Section s, int length, String name) throws SymbolsException {
        if (s.offset + s.size > length) {
            throw new SymbolsException(name + ": truncated ELF: section #" + s.index + " (header at byte offset " + s.headerOffset
                    + ") needs bytes up to offset " + (s.offset + s.size) + " but the file has " + length);
        }
    }

    private static String cString(byte[] bytes, Section table, int offset, String name) throws SymbolsException {
        checkInFile(table, bytes.length, name);
        if (offset < 0 || offset >= table.size) {
            return "";
        }
        int start = (int) (table.offset + offset);
        int end = start;
        int limit = (int) (table.offset + table.size);
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private static long u32(ByteBuffer b, int offset) {
        return b.getInt(offset) & 0xffffffffL;
    }

    private static String machineName(int machine) {
        return MACHINES.getOrDefault(machine, "another architecture");
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private record Section(int index, int nameOffset, int type, long flags, long addr, long offset, long size, int link, int headerOffset) {}
}
