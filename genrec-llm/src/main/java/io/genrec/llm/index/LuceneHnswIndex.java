package io.genrec.llm.index;

import io.genrec.data.DataFormatException;
import io.genrec.util.SafeWrites;
import io.genrec.model.TopK;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Approximate {@link VectorIndex} on Lucene 10's HNSW graphs (Malkov &amp; Yashunin, "Efficient and robust
 * approximate nearest neighbor search using Hierarchical Navigable Small World graphs", TPAMI 2020): one document per
 * id with a {@link KnnFloatVectorField} (dot product on unit vectors), the id (points + doc values), and optional
 * {@link ItemFields} (category terms, numeric points) that {@link MetadataFilter}s query. Filters, including an
 * arbitrary {@link IntPredicate}, are applied by Lucene during the graph search, not after it.
 *
 * <p>Updates go through one {@link IndexWriter} (add replaces an existing id; delete marks the document), and
 * searches see them via a near-real-time reader refreshed on demand. On disk ({@link #create}/{@link #load}) the
 * index lives in an {@link FSDirectory}; {@link #inMemory} uses a {@link ByteBuffersDirectory}. The dimension and
 * graph settings are stored in the commit, so {@link #load} needs only the path. Lucene's HNSW format accepts at most
 * 1024 dimensions.
 *
 * <p>Scores: Lucene reports {@code (1 + cos) / 2} for unit vectors; this class returns the cosine. Search quality is
 * set by {@link Config#efSearch}: the graph search collects {@code max(k, efSearch)} candidates and returns the best
 * {@code k}.
 */
public final class LuceneHnswIndex implements VectorIndex {
    static final String F_VECTOR = "vector", F_ID = "id", F_KEY = "key", F_CATEGORY = "category", NUM_PREFIX = "num.";
    private static final String FORMAT = "genrec.hnsw.format", DIM = "genrec.dimension", MAX_CONN = "genrec.maxConn",
            BEAM = "genrec.beamWidth", EF = "genrec.efSearch";
    private static final int MAX_DIMENSION = 1024;

    /**
     * Graph settings: {@code maxConn} (HNSW's M, neighbours per node), {@code beamWidth} (efConstruction),
     * {@code efSearch} (candidates collected per query), and the writer's RAM buffer (bigger buffers give fewer,
     * larger segments, hence fewer graphs to search).
     */
    public record Config(int maxConn, int beamWidth, int efSearch, double ramBufferMb) {
        public static final Config DEFAULT = new Config(16, 100, 100, 256);

        public Config {
            if (maxConn < 2 || maxConn > Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN)
                throw new IllegalArgumentException("maxConn must be in [2, " + Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN + "], got " + maxConn);
            if (beamWidth < 1 || beamWidth > Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH)
                throw new IllegalArgumentException("beamWidth must be in [1, " + Lucene99HnswVectorsFormat.MAXIMUM_BEAM_WIDTH + "], got " + beamWidth);
            if (efSearch < 1) throw new IllegalArgumentException("efSearch must be >= 1, got " + efSearch);
            if (!(ramBufferMb > 0)) throw new IllegalArgumentException("ramBufferMb must be > 0, got " + ramBufferMb);
        }

        public Config withEfSearch(int ef) { return new Config(maxConn, beamWidth, ef, ramBufferMb); }
    }

    private final Directory directory;
    private final Path path;
    private final int dimension;
    private final Config config;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile boolean stale;

    private LuceneHnswIndex(Directory directory, Path path, int dimension, Config config, IndexWriterConfig.OpenMode mode) throws IOException {
        if (dimension < 1 || dimension > MAX_DIMENSION)
            throw new IllegalArgumentException("dimension must be in [1, " + MAX_DIMENSION + "] for Lucene HNSW, got " + dimension);
        this.directory = directory;
        this.path = path;
        this.dimension = dimension;
        this.config = config;
        IndexWriterConfig iwc = new IndexWriterConfig().setCodec(codec(config)).setOpenMode(mode).setRAMBufferSizeMB(config.ramBufferMb());
        this.writer = new IndexWriter(directory, iwc);
        writer.setLiveCommitData(Map.of(FORMAT, "1", DIM, Integer.toString(dimension), MAX_CONN, Integer.toString(config.maxConn()),
                BEAM, Integer.toString(config.beamWidth()), EF, Integer.toString(config.efSearch())).entrySet());
        this.searchers = new SearcherManager(writer, null);
    }

    /** The default codec with this index's HNSW settings (read back by the default codec: settings only affect writing). */
    private static Codec codec(Config config) {
        KnnVectorsFormat format = new Lucene99HnswVectorsFormat(config.maxConn(), config.beamWidth());
        return new Lucene103Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) { return format; }
        };
    }

    /** An empty index in memory. */
    public static LuceneHnswIndex inMemory(int dimension, Config config) {
        try {
            return new LuceneHnswIndex(new ByteBuffersDirectory(), null, dimension, config, IndexWriterConfig.OpenMode.CREATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new, empty index in {@code dir} (an earlier GenRec index there is replaced; a non-empty directory GenRec did
     * not write is refused, since Lucene would delete index-like files in it).
     */
    public static LuceneHnswIndex create(Path dir, int dimension, Config config) throws IOException {
        SafeWrites.checkReplaceable(dir, SafeWrites.VECTOR_INDEX);
        Files.createDirectories(dir);
        SafeWrites.mark(dir, SafeWrites.VECTOR_INDEX);
        return new LuceneHnswIndex(FSDirectory.open(dir), dir, dimension, config, IndexWriterConfig.OpenMode.CREATE);
    }

    /** Opens the index in {@code dir} for searching and further updates; settings come from its last commit. */
    public static LuceneHnswIndex load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new DataFormatException(dir, 0, null, "no vector index here (not a directory)");
        FSDirectory fs = FSDirectory.open(dir);
        try {
            Map<String, String> meta = SegmentInfos.readLatestCommit(fs).getUserData();
            if (!"1".equals(meta.get(FORMAT)))
                throw new DataFormatException(dir, 0, FORMAT, "not a GenRec HNSW index or unsupported format " + meta.get(FORMAT));
            Config stored = new Config(intMeta(dir, meta, MAX_CONN), intMeta(dir, meta, BEAM), intMeta(dir, meta, EF), Config.DEFAULT.ramBufferMb());
            return new LuceneHnswIndex(fs, dir, intMeta(dir, meta, DIM), stored, IndexWriterConfig.OpenMode.APPEND);
        } catch (IndexNotFoundException e) {
            fs.close();
            throw new DataFormatException(dir, 0, null, "no vector index here (no Lucene commit)", e);
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
    }

    private static int intMeta(Path dir, Map<String, String> meta, String key) {
        try {
            return Integer.parseInt(meta.get(key));
        } catch (NumberFormatException e) {
            throw new DataFormatException(dir, 0, key, "missing or not an integer in the commit data: " + meta.get(key));
        }
    }

    @Override
    public int dimension() { return dimension; }

    public Config config() { return config; }

    @Override
    public void add(int id, float[] vector) { add(id, vector, ItemFields.NONE); }

    /** Adds or replaces {@code id} with filterable metadata. */
    public void add(int id, float[] vector, ItemFields fields) {
        if (id < 0) throw new IllegalArgumentException("ids must be >= 0, got " + id);
        float[] v = UnitVectors.normalisedCopy(vector, dimension, "vector for id " + id);
        Document doc = new Document();
        doc.add(new KnnFloatVectorField(F_VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StringField(F_KEY, Integer.toString(id), Field.Store.NO));
        doc.add(new IntPoint(F_ID, id));
        doc.add(new NumericDocValuesField(F_ID, id));
        for (String c : fields.categories()) doc.add(new StringField(F_CATEGORY, c, Field.Store.NO));
        for (var e : fields.numbers().entrySet()) doc.add(new DoublePoint(NUM_PREFIX + e.getKey(), e.getValue()));
        try {
            writer.updateDocument(new Term(F_KEY, Integer.toString(id)), doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stale = true;
    }

    @Override
    public boolean delete(int id) {
        Term key = new Term(F_KEY, Integer.toString(id));
        try {
            refreshIfStale();
            if (count(new TermQuery(key)) == 0) return false;
            writer.deleteDocuments(key);
            stale = true;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public TopK search(float[] query, int k, IntPredicate filter) {
        return search(query, k, filter == null ? null : new IdPredicateQuery(F_ID, filter), config.efSearch());
    }

    /** The best {@code k} by cosine among items passing {@code filter}. */
    public TopK search(float[] query, int k, MetadataFilter filter) { return search(query, k, toQuery(filter), config.efSearch()); }

    /** Unfiltered search collecting {@code efSearch} candidates instead of the configured number (recall/speed trade-off). */
    public TopK search(float[] query, int k, int efSearch) {
        if (efSearch < 1) throw new IllegalArgumentException("efSearch must be >= 1, got " + efSearch);
        return search(query, k, null, efSearch);
    }

    /** The Lucene filter query for {@code filter}, or null when it accepts everything. */
    static Query toQuery(MetadataFilter filter) {
        if (filter == null) return null;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean positive = false;
        if (!filter.anyCategory().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (String c : filter.anyCategory()) any.add(new TermQuery(new Term(F_CATEGORY, c)), BooleanClause.Occur.SHOULD);
            b.add(any.build(), BooleanClause.Occur.FILTER);
            positive = true;
        }
        for (var e : filter.ranges().entrySet()) {
            b.add(DoublePoint.newRangeQuery(NUM_PREFIX + e.getKey(), e.getValue().min(), e.getValue().max()), BooleanClause.Occur.FILTER);
            positive = true;
        }
        if (filter.excludedIds().length > 0) b.add(IntPoint.newSetQuery(F_ID, filter.excludedIds()), BooleanClause.Occur.MUST_NOT);
        else if (!positive) return null;
        if (!positive) b.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
        return b.build();
    }

    private TopK search(float[] query, int k, Query filter, int efSearch) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        float[] q = UnitVectors.normalisedCopy(query, dimension, "query");
        if (k == 0) return new TopK(new int[0], new float[0]);
        try {
            refreshIfStale();
            IndexSearcher searcher = searchers.acquire();
            try {
                Query knn = new KnnFloatVectorQuery(F_VECTOR, q, Math.max(k, efSearch), filter);
                TopDocs top = searcher.search(knn, k);
                List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
                int[] ids = new int[top.scoreDocs.length];
                float[] scores = new float[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    ScoreDoc sd = top.scoreDocs[i];
                    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
                    NumericDocValues dv = leaf.reader().getNumericDocValues(F_ID);
                    if (dv == null || !dv.advanceExact(sd.doc - leaf.docBase)) throw new IllegalStateException("document without id in " + this);
                    ids[i] = (int) dv.longValue();
                    scores[i] = 2 * sd.score - 1;
                }
                return new TopK(ids, scores);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void refreshIfStale() throws IOException {
        if (stale) {
            stale = false;
            searchers.maybeRefreshBlocking();
        }
    }

    private int count(Query q) throws IOException {
        IndexSearcher s = searchers.acquire();
        try {
            return s.count(q);
        } finally {
            searchers.release(s);
        }
    }

    @Override
    public int size() {
        try {
            refreshIfStale();
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().numDocs();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes all updates durable in this index's own directory (a no-op for memory beyond the commit point). */
    public void commit() throws IOException { writer.commit(); }

    /** Merges all segments into one graph (slow; makes searches faster after a bulk load). */
    public void forceMerge() throws IOException {
        writer.forceMerge(1);
        stale = true;
    }

    /** Bytes of the committed index files. */
    public long diskBytes() throws IOException {
        writer.commit();
        long total = 0;
        for (String f : SegmentInfos.readLatestCommit(directory).files(true)) total += directory.fileLength(f);
        return total;
    }

    /** Number of segments (each has its own graph) in the current reader. */
    public int segments() {
        try {
            refreshIfStale();
            IndexSearcher s = searchers.acquire();
            try {
                return s.getIndexReader().leaves().size();
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Commits, then, unless {@code dir} is this index's own directory, copies the committed files into {@code dir}
     * (replacing an earlier GenRec index there; any other non-empty directory is refused).
     */
    @Override
    public void save(Path dir) throws IOException {
        writer.commit();
        if (path != null && Files.exists(dir) && Files.isSameFile(path, dir)) return;
        IndexFiles.write(dir, tmp -> {
            try (FSDirectory target = FSDirectory.open(tmp)) {
                for (String f : SegmentInfos.readLatestCommit(directory).files(true)) target.copyFrom(directory, f, f, IOContext.DEFAULT);
            }
        });
    }

    /** Commits pending updates (for an on-disk index) and releases files and memory. */
    @Override
    public void close() throws IOException {
        try (directory; writer; searchers) {
            if (path != null) writer.commit();
        }
    }

    @Override
    public String toString() { return "LuceneHnswIndex[" + (path == null ? "memory" : path) + ", " + dimension + "-d, " + config + "]"; }
}
