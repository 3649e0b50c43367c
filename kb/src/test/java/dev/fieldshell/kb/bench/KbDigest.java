package dev.fieldshell.kb.bench;

import dev.fieldshell.kb.index.KbSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * {@code KbDigest KB_DIR}: one hash over every live document's stored fields (documents in id order) and one over
 * every indexed term with its live postings (document id, frequency), so two imports of the same corpus by
 * different code can be compared whatever their segments look like. Prints the document count and both hashes.
 */
public final class KbDigest {
    private KbDigest() {}

    public static void main(String[] args) throws Exception {
        try (FSDirectory dir = FSDirectory.open(Path.of(args[0])); DirectoryReader reader = DirectoryReader.open(dir)) {
            Map<String, byte[]> docs = new TreeMap<>();
            // Lucene doc number (per leaf) → stored id, to name postings by id.
            Map<LeafReaderContext, String[]> ids = new java.util.HashMap<>();
            for (LeafReaderContext ctx : reader.leaves()) {
                LeafReader leaf = ctx.reader();
                Bits live = leaf.getLiveDocs();
                StoredFields stored = leaf.storedFields();
                String[] leafIds = new String[leaf.maxDoc()];
                for (int d = 0; d < leaf.maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    Document doc = stored.document(d);
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    for (IndexableField f : doc.getFields()) {
                        md.update(f.name().getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0);
                        BytesRef b = f.binaryValue();
                        if (b != null) {
                            md.update(b.bytes, b.offset, b.length);
                        } else if (f.stringValue() != null) {
                            md.update(f.stringValue().getBytes(StandardCharsets.UTF_8));
                        } else if (f.numericValue() != null) {
                            md.update(f.numericValue().toString().getBytes(StandardCharsets.UTF_8));
                        }
                        md.update((byte) 1);
                    }
                    String id = doc.get(KbSchema.ID);
                    leafIds[d] = id;
                    docs.put(id, md.digest());
                }
                ids.put(ctx, leafIds);
            }
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            docs.forEach((id, h) -> {
                all.update(id.getBytes(StandardCharsets.UTF_8));
                all.update(h);
            });
            // Σ over live postings of mix(field, term, id, freq): order-free, so segments and merges do not matter.
            long termSum = 0;
            long n = 0;
            for (LeafReaderContext ctx : reader.leaves()) {
                LeafReader leaf = ctx.reader();
                Bits live = leaf.getLiveDocs();
                String[] leafIds = ids.get(ctx);
                for (FieldInfo fi : leaf.getFieldInfos()) {
                    Terms terms = leaf.terms(fi.name);
                    if (terms == null) {
                        continue;
                    }
                    long fieldHash = longHash(fi.name.getBytes(StandardCharsets.UTF_8), 0, fi.name.length(), 17);
                    TermsEnum te = terms.iterator();
                    PostingsEnum pe = null;
                    for (BytesRef t = te.next(); t != null; t = te.next()) {
                        long termHash = longHash(t.bytes, t.offset, t.length, fieldHash);
                        pe = te.postings(pe, PostingsEnum.FREQS);
                        for (int d = pe.nextDoc(); d != PostingsEnum.NO_MORE_DOCS; d = pe.nextDoc()) {
                            if (live != null && !live.get(d)) {
                                continue;
                            }
                            termSum += mix(termHash ^ mix(leafIds[d].hashCode() * 0x9E3779B97F4A7C15L + pe.freq()));
                            n++;
                        }
                    }
                }
            }
            HexFormat hex = HexFormat.of();
            System.out.printf("%d documents; stored %s; postings (%d) %016x%n", docs.size(), hex.formatHex(all.digest()), n,
                    termSum);
        }
    }

    private static long longHash(byte[] b, int off, int len, long seed) {
        long h = seed;
        for (int i = off; i < off + len; i++) {
            h = mix(h ^ (b[i] & 0xff)) + i - off;
        }
        return mix(h ^ len);
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
