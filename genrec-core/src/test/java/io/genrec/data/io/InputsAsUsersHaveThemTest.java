package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files as users have them: quotes in TSV, bad bytes deep in a file, a header the spec did not announce. */
class InputsAsUsersHaveThemTest {
    @TempDir Path dir;

    @Test
    void tsvFieldsAreLiteralQuotesIncluded() {
        // Last.fm 1K style: an artist name that starts with a quote and a field with a lone quote.
        Path f = Fixtures.write(dir, "plays.tsv", "u1\t\"Weird Al\" Yankovic\t3", "u1\tSay \"Hi\t1", "u2\t\"Weird Al\" Yankovic\t5");
        Dataset d = DataSpecs.load("tsv:" + f + "?rating=2").data();
        assertEquals(3, d.numInteractions());
        assertTrue(d.itemIds().indexOf("\"Weird Al\" Yankovic") >= 0, "item ids: " + d.itemIds());
        assertTrue(d.itemIds().indexOf("Say \"Hi") >= 0, "item ids: " + d.itemIds());
    }

    @Test
    void csvKeepsRfc4180Quoting() {
        Path f = Fixtures.write(dir, "r.csv", "u,i", "u1,\"a, \"\"b\"\"\"");
        Dataset d = DataSpecs.load("csv:" + f + "?user=u&item=i").data();
        assertEquals("a, \"b\"", d.itemIds().externalId(0));
    }

    /** Five lines, the third with a byte that is not UTF-8. */
    private Path badThirdLine(String name, String l1, String l2, String l3Prefix, String l4, String l5) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes((l1 + "\n" + l2 + "\n" + l3Prefix).getBytes(StandardCharsets.UTF_8));
            b.write(0xFF);
            b.writeBytes(("\n" + l4 + "\n" + l5 + "\n").getBytes(StandardCharsets.UTF_8));
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.write(p, b.toByteArray());
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertLine3(Path file, Supplier<?> load) {
        DataFormatException e = assertThrows(DataFormatException.class, load::get);
        assertEquals(3, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains(file.getFileName() + ":3"), e.getMessage());
    }

    @Test
    void encodingErrorsNameTheRealLine() {
        Path csv = badThirdLine("r.csv", "u,i", "1,2", "1,", "2,3", "2,4");
        assertLine3(csv, () -> DataSpecs.load("csv:" + csv + "?user=u&item=i"));
        Path tsv = badThirdLine("r.tsv", "1\t2", "1\t3", "1\t", "2\t3", "2\t4");
        assertLine3(tsv, () -> DataSpecs.load("tsv:" + tsv));
        Path jsonl = badThirdLine("r.jsonl", "{\"user\":1,\"item\":2}", "{\"user\":1,\"item\":3}", "{\"user\":1,\"item\":\"", "{\"user\":2,\"item\":3}", "{\"user\":2,\"item\":4}");
        assertLine3(jsonl, () -> DataSpecs.load("jsonl:" + jsonl));
        Path ml = badThirdLine("ml/ratings.csv", "userId,movieId,rating,timestamp", "1,2,4,10", "1,", "2,3,4,10", "2,4,4,10");
        assertLine3(ml, () -> DataSpecs.load("movielens:" + ml.getParent()));
        Path seq = badThirdLine("seq.txt", "1 2 3", "2 3 4", "3 ", "4 5 6", "5 6 7");
        assertLine3(seq, () -> DataSpecs.load("sequences:" + seq));
        Path pre = badThirdLine("pre/train.tsv", "1\t2", "1\t3", "1\t", "2\t3", "2\t4");
        Fixtures.write(dir, "pre/valid.tsv", "1\t4");
        Fixtures.write(dir, "pre/test.tsv", "2\t5");
        assertLine3(pre, () -> DataSpecs.load("presplit:" + pre.getParent()));
        Path lc = badThirdLine("lc/Toy.inter.json", "{", "\"1\": [1, 2],", "\"2\": [\"", "],", "\"3\": [4]}");
        Fixtures.write(dir, "lc/Toy.item.json", "{}");
        assertLine3(lc, () -> DataSpecs.load("lcrec:" + lc.getParent()));
    }

    @Test
    void aHeaderRowWithoutHeaderTrueSuggestsIt() {
        Path f = Fixtures.write(dir, "r.tsv", "user\titem\trating", "1\t2\t4", "1\t3\t5");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataSpecs.load("tsv:" + f + "?rating=2"));
        assertTrue(e.getMessage().contains("header=true"), e.getMessage());
        assertTrue(e.getMessage().contains("r.tsv:1"), e.getMessage());
        // Column names in the spec but no header=true: the same hint, not "the file has no header".
        DataFormatException named = assertThrows(DataFormatException.class, () -> DataSpecs.load("tsv:" + f + "?user=user&item=item"));
        assertTrue(named.getMessage().contains("header=true"), named.getMessage());
        assertFalse(named.getMessage().contains("has no header"), named.getMessage());
        // With header=true it loads.
        assertEquals(2, DataSpecs.load("tsv:" + f + "?header=true&user=user&item=item&rating=rating").data().numInteractions());
    }

    @Test
    void aMissingColumnListsTheHeader() {
        Path f = Fixtures.write(dir, "r.csv", "userId,movieId,stars", "1,2,4");
        DataFormatException e = assertThrows(DataFormatException.class, () -> DataSpecs.load("csv:" + f + "?user=userId&item=movieId&rating=rating"));
        assertTrue(e.getMessage().contains("userId, movieId, stars"), e.getMessage());
    }

    @Test
    void lineReaderLineEndsAndLongLines() throws IOException {
        String longLine = "é".repeat(70_000);
        byte[] bytes = ("a\r\nb\rc\n" + longLine + "\nlast").getBytes(StandardCharsets.UTF_8);
        try (LineReader r = new LineReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            assertEquals("a", r.readLine());
            assertEquals("b", r.readLine());
            assertEquals("c", r.readLine());
            assertEquals(longLine, r.readLine());
            assertEquals("last", r.readLine());
            assertEquals(null, r.readLine());
            assertEquals(5, r.lineNumber());
        }
    }
}
