package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelimitedLoaderAndSpecsTest {
    @TempDir Path dir;

    private static void assertMessage(Class<? extends RuntimeException> type, Runnable r, String... parts) {
        RuntimeException e = assertThrows(type, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
    }

    @Test
    void csvByHeaderNames() {
        Path f = Fixtures.write(dir, "r.csv", "ts,who,what,stars", "30,u1,\"item, one\",4", "10,u1,i2,2.5", "20,u2,i2,1");
        Dataset d = DataSpecs.load("csv:" + f + "?user=who&item=what&rating=stars&time=ts").data();
        assertEquals(3, d.numInteractions());
        int u1 = d.userIds().indexOf("u1");
        assertArrayEquals(new int[] {d.itemIds().indexOf("i2"), d.itemIds().indexOf("item, one")}, d.itemsOf(u1));
        assertArrayEquals(new float[] {2.5f, 4f}, d.valuesOf(u1));
    }

    @Test
    void tsvByIndexWithoutHeaderAndImplicitValues() {
        Path f = Fixtures.write(dir, "r.tsv", "x\tu1\ti1", "x\tu2\ti1");
        Dataset d = DelimitedLoader.load(f, DelimitedLoader.Mapping.defaults(DelimitedLoader.Format.TSV).withColumns("1", "2", null, null));
        assertEquals(2, d.numUsers());
        assertArrayEquals(new float[] {1f, 1f}, d.values());
        assertArrayEquals(new long[] {0, 0}, d.timestamps());
    }

    @Test
    void delimitedErrorsNameLineAndField() {
        Path f = Fixtures.write(dir, "r.csv", "u,i,r", "1,2,3", "1,2,x");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("csv:" + f + "?user=u&item=i&rating=r"), "r.csv:3", "field 'r'", "'x'");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("csv:" + f + "?user=nope&item=i"), "r.csv:1", "'nope'", "neither a header name");
        Path g = Fixtures.write(dir, "g.tsv", "1\t2");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("tsv:" + g + "?user=user"), "g.tsv", "header=true");
        Path h = Fixtures.write(dir, "h.csv", "u,i", "1");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("csv:" + h + "?user=u&item=i"), "h.csv:2", "field 'i'", "missing");
    }

    @Test
    void jsonLines() {
        Path f = Fixtures.write(dir, "r.jsonl", "{\"user\": \"a\", \"item\": 5, \"rating\": 4.5, \"ts\": 2}", "", "{\"user\": \"a\", \"item\": \"6\", \"rating\": \"3\", \"ts\": 1}");
        Dataset d = DataSpecs.load("jsonl:" + f + "?rating=rating&time=ts").data();
        assertArrayEquals(new int[] {d.itemIds().indexOf("6"), d.itemIds().indexOf("5")}, d.itemsOf(0));
        assertArrayEquals(new float[] {3f, 4.5f}, d.valuesOf(0));
        Path g = Fixtures.write(dir, "g.jsonl", "{\"user\": \"a\", \"item\": 5}", "{\"user\": \"a\"}", "");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("jsonl:" + g), "g.jsonl:2", "field 'item'", "missing");
        Path h = Fixtures.write(dir, "h.jsonl", "{\"user\": \"a\", \"item\": 5, \"ts\": 1.5}");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("jsonl:" + h + "?time=ts"), "h.jsonl:1", "field 'ts'", "'1.5'", "an integer");
        Path k = Fixtures.write(dir, "k.jsonl", "{\"user\": \"a\", \"item\": 5", "");
        assertMessage(DataFormatException.class, () -> DataSpecs.load("jsonl:" + k), "k.jsonl:1", "malformed JSON");
    }

    @Test
    void specErrors() {
        assertMessage(IllegalArgumentException.class, () -> DataSpecs.load("parquet:/x"), "unknown data spec", "movielens:DIR", "presplit:DIR", "csv:FILE");
        Path missing = dir.resolve("nope");
        assertMessage(IllegalArgumentException.class, () -> DataSpecs.load("movielens:" + missing), missing.toString(), "no such directory");
        assertMessage(IllegalArgumentException.class, () -> DataSpecs.load("csv:" + missing), missing.toString(), "no such file");
        Path f = Fixtures.write(dir, "r.csv", "u,i", "1,2");
        assertMessage(IllegalArgumentException.class, () -> DataSpecs.load("csv:" + f + "?user=u&item=i&colour=red"), "colour");
    }

    @Test
    void bundledMlLatestSmall() {
        DataSpecs.LoadedData l = DataSpecs.load("ml-latest-small");
        Dataset d = l.data();
        assertNull(l.given());
        assertEquals(100_836, d.numInteractions());
        assertEquals(610, d.numUsers());
        assertEquals(9_724, d.numItems());
        assertEquals(5.0f, max(d.values()), "values are the ratings");
        assertEquals(0.5f, min(d.values()));
        assertTrue(d.catalog().get(d.itemIds().indexOf("1")).text().get("tags").contains("pixar"));
        assertEquals("0114709", d.catalog().get(d.itemIds().indexOf("1")).attributes().get("imdbId"));
        assertTrue(l.description().contains("ml-latest-small"));
        assertNotNull(DataSpecs.class.getClassLoader().getResource(DataSpecs.BUNDLED_ML_LATEST_SMALL + "/README.txt"), "README ships");
        assertNotNull(DataSpecs.class.getClassLoader().getResource(DataSpecs.BUNDLED_ML_LATEST_SMALL + "/NOTICE"), "NOTICE ships");
    }

    @Test
    void presplitSpecGivesSplitAndAllData() {
        Fixtures.write(dir, "train.tsv", "user\titem", "0\t0", "1\t1");
        Fixtures.write(dir, "valid.tsv", "user\titem", "0\t1");
        Fixtures.write(dir, "test.tsv", "user\titem", "1\t0");
        DataSpecs.LoadedData l = DataSpecs.load("presplit:" + dir);
        assertNotNull(l.given());
        assertEquals(4, l.data().numInteractions());
        assertSame(l.given().train().itemIds(), l.data().itemIds());
    }

    @Test
    void otherSpecKinds() {
        Path seq = Fixtures.write(dir, "seq/user_sequence.txt", "u1 a b", "u2 b");
        assertEquals(3, DataSpecs.load("sequences:" + seq).data().numInteractions());
        Fixtures.write(dir, "lc/X.inter.json", "{\"0\": [1, 2]}");
        Fixtures.write(dir, "lc/X.item.json", "{\"1\": {\"title\": \"one\"}}");
        DataSpecs.LoadedData lc = DataSpecs.load("lcrec:" + dir.resolve("lc"));
        assertEquals("one", lc.data().catalog().get(lc.data().itemIds().indexOf("1")).title());
        Fixtures.write(dir, "ml/u.data", "1\t2\t3\t4");
        DataSpecs.LoadedData ml = DataSpecs.load("movielens:" + dir.resolve("ml"));
        assertTrue(ml.description().contains("ML_100K"), ml.description());
        assertMessage(IllegalArgumentException.class, () -> DataSpecs.load("presplit:" + dir + "?header=maybe"), "'header'", "auto, yes or no");
        assertMessage(IllegalArgumentException.class, () -> DataSpecs.load("ml-latest-small:/x"), "takes no path");
    }

    private static void assertSame(Object a, Object b) { org.junit.jupiter.api.Assertions.assertSame(a, b); }

    private static float max(float[] a) { float m = Float.NEGATIVE_INFINITY; for (float x : a) m = Math.max(m, x); return m; }

    private static float min(float[] a) { float m = Float.POSITIVE_INFINITY; for (float x : a) m = Math.min(m, x); return m; }
}
