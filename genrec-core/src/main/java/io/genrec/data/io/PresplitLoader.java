package io.genrec.data.io;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.split.EvalSet;
import io.genrec.split.Split;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Loads a split that was made elsewhere: {@code train.tsv}, {@code valid.tsv}, {@code test.tsv} of
 * {@code user<TAB>item[<TAB>value]} (value 1 when absent), e.g. the DiffRec ML-1M split (Wang et al., SIGIR 2023).
 * All three parts share one pair of id maps covering every id in any file.
 *
 * <p>Mirrors the DiffRec evaluation code: validation ranks with the train history; the test is queried with the
 * train history too, but both train and validation items are excluded from its ranking. Timestamps are unknown (0),
 * so each user's order is file order.
 */
public final class PresplitLoader {
    /** Whether each file starts with a header line; AUTO treats a first line whose user field is a column name
     * ({@code user}, {@code userId}, {@code user_id}, {@code uid}) as a header. */
    public enum Header { AUTO, YES, NO }

    private static final Set<String> USER_HEADERS = Set.of("user", "userid", "user_id", "uid");
    private static final String LAYOUT = "user<TAB>item[<TAB>value]";
    private static final String[] PARTS = {"train.tsv", "valid.tsv", "test.tsv"};

    private PresplitLoader() { }

    public static Split load(Path dir) { return load(SourceDir.existingDirectory(dir), Header.AUTO); }

    public static Split load(SourceDir dir, Header header) {
        String name = dir.path().getFileName().toString();
        IdMap.Builder users = new IdMap.Builder(), items = new IdMap.Builder();
        Part[] parts = new Part[PARTS.length];
        for (int p = 0; p < PARTS.length; p++)
            parts[p] = read(dir.require(PARTS[p], "a pre-split data set (train.tsv, valid.tsv, test.tsv)"), header, users, items);
        IdMap um = users.build(), im = items.build();
        Dataset train = parts[0].toDataset(name, um, im);
        Dataset valid = parts[1].toDataset(name + "/valid", um, im);
        Dataset test = parts[2].toDataset(name + "/test", um, im);
        Dataset trainAndValid = train.union(name + "/train+valid", valid);
        return new Split(train, new EvalSet("valid", train, valid), new EvalSet("test", train, test, trainAndValid),
                "given(" + dir.path() + ")");
    }

    private static Part read(Source s, Header header, IdMap.Builder users, IdMap.Builder items) {
        Part part = new Part();
        try (RecordReader in = RecordReader.separated(s, StandardCharsets.UTF_8, "\t")) {
            String[] rec = in.next();
            if (rec != null && header != Header.NO) {
                boolean isHeader = header == Header.YES || USER_HEADERS.contains(rec[0].strip().toLowerCase(Locale.ROOT));
                if (isHeader) rec = in.next();
            }
            for (; rec != null; rec = in.next()) {
                if (rec.length > 3) throw in.error("line", "has " + rec.length + " fields, expected " + LAYOUT);
                int u = users.getOrAdd(in.id(rec, 0, "user", LAYOUT));
                int i = items.getOrAdd(in.id(rec, 1, "item", LAYOUT));
                float v = rec.length == 3 ? in.floatField(rec, 2, "value", LAYOUT) : 1f;
                part.add(u, i, v);
            }
        }
        return part;
    }

    /** Columns of one file; the id maps are final only after all files are read. */
    private static final class Part {
        int[] u = new int[1024], i = new int[1024];
        float[] v = new float[1024];
        int n;

        void add(int user, int item, float value) {
            if (n == u.length) {
                int cap = n + (n >> 1);
                u = Arrays.copyOf(u, cap); i = Arrays.copyOf(i, cap); v = Arrays.copyOf(v, cap);
            }
            u[n] = user; i[n] = item; v[n] = value;
            n++;
        }

        Dataset toDataset(String name, IdMap users, IdMap items) {
            return Dataset.fromColumns(name, users, items, null, null, n, u, i, v, new long[n]);
        }
    }
}
