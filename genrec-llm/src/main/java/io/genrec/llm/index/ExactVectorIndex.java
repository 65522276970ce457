package io.genrec.llm.index;

import io.genrec.data.DataFormatException;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.util.VectorMath;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;

/**
 * Brute-force {@link VectorIndex}: one primitive {@code float[]} row per vector, a dot product
 * ({@link VectorMath#dot}: vectorised, lanes summed in a fixed order so a query scores the same in every call) against
 * every row per query, then a heap top-k. Exact, so it is
 * the oracle the approximate index is tested against, and the right choice up to some 10^5 vectors. Memory is
 * {@code 4 * dimension} bytes per vector plus an {@code int} per id up to the largest id (id-to-row table).
 * Deletes move the last row into the hole. A read/write lock lets searches run concurrently.
 */
public final class ExactVectorIndex implements VectorIndex {
    static final String FILE = "exact-vectors.bin";
    private static final byte[] MAGIC = "GENREC-X".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private final int dimension;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private float[][] rows = new float[16][];
    private int[] ids = new int[16];
    private int[] rowOf = new int[0];
    private int size;

    public ExactVectorIndex(int dimension) {
        if (dimension < 1) throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        this.dimension = dimension;
    }

    @Override
    public int dimension() { return dimension; }

    @Override
    public void add(int id, float[] vector) {
        if (id < 0) throw new IllegalArgumentException("ids must be >= 0, got " + id);
        put(id, UnitVectors.normalisedCopy(vector, dimension, "vector for id " + id));
    }

    /** Stores an already normalised row (owned by the index from now on). */
    private void put(int id, float[] row) {
        lock.writeLock().lock();
        try {
            if (id >= rowOf.length) {
                int old = rowOf.length;
                rowOf = Arrays.copyOf(rowOf, Math.max(id + 1, old + (old >> 1) + 16));
                Arrays.fill(rowOf, old, rowOf.length, -1);
            }
            int r = rowOf[id];
            if (r >= 0) { rows[r] = row; return; }
            if (size == rows.length) {
                rows = Arrays.copyOf(rows, size + (size >> 1) + 16);
                ids = Arrays.copyOf(ids, rows.length);
            }
            rows[size] = row;
            ids[size] = id;
            rowOf[id] = size++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean delete(int id) {
        lock.writeLock().lock();
        try {
            if (id < 0 || id >= rowOf.length || rowOf[id] < 0) return false;
            int r = rowOf[id], last = --size;
            rows[r] = rows[last];
            ids[r] = ids[last];
            rowOf[ids[r]] = r;
            rows[last] = null;
            rowOf[id] = -1;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public TopK search(float[] query, int k, IntPredicate filter) {
        float[] q = UnitVectors.normalisedCopy(query, dimension, "query");
        lock.readLock().lock();
        try {
            float[] scores = new float[size];
            for (int r = 0; r < size; r++)
                scores[r] = filter == null || filter.test(ids[r]) ? VectorMath.dot(rows[r], q) : Float.NEGATIVE_INFINITY;
            TopK byRow = TopK.select(scores, k, ItemFilter.ALL);
            int[] out = new int[byRow.size()];
            for (int i = 0; i < out.length; i++) out[i] = ids[byRow.items()[i]];
            return new TopK(out, byRow.scores());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of the stored (normalised) vector of {@code id}, or null. */
    public float[] vector(int id) {
        lock.readLock().lock();
        try {
            return id >= 0 && id < rowOf.length && rowOf[id] >= 0 ? rows[rowOf[id]].clone() : null;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Heap held by the rows and tables, in bytes (array headers included, estimated at 16 bytes each). */
    public long heapBytes() {
        lock.readLock().lock();
        try {
            return (long) size * (4L * dimension + 16) + 8L * rows.length + 4L * ids.length + 4L * rowOf.length;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes {@value #FILE}: magic {@code GENREC-X}, big-endian int version, dimension and count, the ids, then the
     * rows as little-endian float32.
     */
    @Override
    public void save(Path dir) throws IOException {
        IndexFiles.write(dir, tmp -> {
            lock.readLock().lock();
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp.resolve(FILE)), 1 << 16))) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(dimension);
                out.writeInt(size);
                for (int r = 0; r < size; r++) out.writeInt(ids[r]);
                ByteBuffer buf = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < size; r++) {
                    buf.clear();
                    buf.asFloatBuffer().put(rows[r]);
                    out.write(buf.array());
                }
            } finally {
                lock.readLock().unlock();
            }
        });
    }

    /** Reads an index written by {@link #save}; a damaged file is an error naming it and the field. */
    public static ExactVectorIndex load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw new DataFormatException(file, 0, "magic", "not a GenRec exact vector index");
            int version = in.readInt();
            if (version != VERSION) throw new DataFormatException(file, 0, "version", "unsupported version " + version + ", this GenRec reads " + VERSION);
            int dim = in.readInt(), n = in.readInt();
            if (dim < 1 || n < 0) throw new DataFormatException(file, 0, "header", "bad dimension " + dim + " or count " + n);
            int[] ids = new int[n];
            for (int r = 0; r < n; r++) ids[r] = in.readInt();
            ExactVectorIndex index = new ExactVectorIndex(dim);
            byte[] bytes = new byte[4 * dim];
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < n; r++) {
                in.readFully(bytes);
                buf.clear();
                float[] row = new float[dim];
                buf.asFloatBuffer().get(row);
                if (ids[r] < 0) throw new DataFormatException(file, 0, "ids", "negative id " + ids[r]);
                index.put(ids[r], row);
            }
            if (index.size() != n) throw new DataFormatException(file, 0, "ids", "duplicate ids in the file");
            return index;
        } catch (EOFException e) {
            throw new DataFormatException(file, 0, null, "truncated vector index file", e);
        }
    }

    @Override
    public void close() { }

    @Override
    public String toString() { return "ExactVectorIndex[" + size() + " x " + dimension + "]"; }
}
