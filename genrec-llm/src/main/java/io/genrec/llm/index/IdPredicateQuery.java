package io.genrec.llm.index;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.ConstantScoreScorer;
import org.apache.lucene.search.ConstantScoreWeight;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;

import java.io.IOException;
import java.util.function.IntPredicate;

/**
 * A Lucene filter that matches documents whose int id (a numeric doc-values field) passes a Java predicate, so an
 * arbitrary {@link IntPredicate} can pre-filter an HNSW search (Lucene then explores the graph only through accepted
 * documents, or scans them exactly when few are accepted). Never cached: predicates have no value equality.
 */
final class IdPredicateQuery extends Query {
    private final String field;
    private final IntPredicate accept;

    IdPredicateQuery(String field, IntPredicate accept) {
        this.field = field;
        this.accept = accept;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ConstantScoreWeight(this, boost) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
                NumericDocValues ids = context.reader().getNumericDocValues(field);
                if (ids == null) return null;
                TwoPhaseIterator matching = new TwoPhaseIterator(ids) {
                    @Override
                    public boolean matches() throws IOException { return accept.test((int) ids.longValue()); }

                    @Override
                    public float matchCost() { return 10; }
                };
                return new DefaultScorerSupplier(new ConstantScoreScorer(score(), scoreMode, matching));
            }

            @Override
            public boolean isCacheable(LeafReaderContext ctx) { return false; }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) visitor.visitLeaf(this);
    }

    @Override
    public String toString(String defaultField) { return "IdPredicate(" + field + ")"; }

    @Override
    public boolean equals(Object other) { return this == other; }

    @Override
    public int hashCode() { return System.identityHashCode(this); }
}
