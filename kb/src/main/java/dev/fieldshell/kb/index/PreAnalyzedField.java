package dev.fieldshell.kb.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;

/**
 * An indexed, unstored text field whose terms were computed beforehand ({@link AnalyzedText}): the indexer skips
 * the analyzer and reuses one replaying stream per field. Lucene still adds the analyzer's position increment gap
 * between two values of one field, as it does for analysed text, so positions are the same as before.
 */
final class PreAnalyzedField extends Field {
    private final AnalyzedText terms;

    /** {@code value} is what {@code terms} were made from: not indexed again, only kept as the field's string value. */
    PreAnalyzedField(String name, String value, AnalyzedText terms, FieldType type) {
        super(name, value, type);
        this.terms = terms;
    }

    AnalyzedText terms() {
        return terms;
    }

    @Override
    public TokenStream tokenStream(Analyzer analyzer, TokenStream reuse) {
        AnalyzedTextStream s = reuse instanceof AnalyzedTextStream r ? r : new AnalyzedTextStream();
        return s.setText(terms);
    }
}
