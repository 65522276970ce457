package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MovieLensLoaderTest {
    @TempDir Path dir;

    private static void assertError(Runnable r, String fileAndLine, String... parts) {
        DataFormatException e = assertThrows(DataFormatException.class, r::run);
        assertTrue(e.getMessage().contains(fileAndLine), "expected '" + fileAndLine + "' in: " + e.getMessage());
        for (String p : parts) assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
    }

    private void write100k() {
        Fixtures.write(dir, "u.data", "1\t10\t4\t300", "2\t10\t5\t100", "1\t20\t3\t200");
        Fixtures.write(dir, "u.genre", "unknown|0", "Action|1", "Comedy|2", "");
        Fixtures.write(dir, "u.item", StandardCharsets.ISO_8859_1,
                "10|Toy Story (1995)|01-Jan-1995||http://imdb/toy|0|0|1",
                "20|Café Société (1996)|01-Jan-1996|||0|1|1",
                "30|Never Rated (1990)|01-Jan-1990|||1|0|0");
        Fixtures.write(dir, "u.user", "1|24|M|technician|85711", "2|53|F|other|94043");
    }

    @Test
    void loads100kWithGenresUsersAndLatin1Titles() {
        write100k();
        Dataset d = MovieLensLoader.load(dir);
        assertEquals(3, d.numInteractions());
        assertEquals(2, d.numUsers());
        assertEquals(2, d.numItems(), "unrated item 30 is not in the id space by default");
        int u1 = d.userIds().indexOf("1");
        assertArrayEquals(new long[] {200, 300}, d.timesOf(u1), "per-user time order");
        assertArrayEquals(new float[] {3, 4}, d.valuesOf(u1));
        Item cafe = d.catalog().get(d.itemIds().indexOf("20"));
        assertEquals("Café Société (1996)", cafe.title());
        assertEquals(List.of("Action", "Comedy"), cafe.categories());
        assertEquals("1996", cafe.attributes().get("year"));
        Item toy = d.catalog().get(d.itemIds().indexOf("10"));
        assertEquals("http://imdb/toy", toy.attributes().get("imdbUrl"));
        assertEquals("01-Jan-1995", toy.attributes().get("releaseDate"));
        assertEquals(Map.of("age", "53", "gender", "F", "occupation", "other", "zip", "94043"),
                d.userTable().attributes(d.userIds().indexOf("2")));
    }

    @Test
    void includeUnratedItemsAddsCatalogueItems() {
        write100k();
        Dataset d = MovieLensLoader.load(dir, new MovieLensLoader.Options(true));
        assertEquals(3, d.numItems());
        int never = d.itemIds().indexOf("30");
        assertEquals("Never Rated (1990)", d.catalog().get(never).title());
        assertEquals(0, d.itemPopularity()[never]);
    }

    @Test
    void rejectsMalformed100kLines() {
        write100k();
        Fixtures.write(dir, "u.data", "1\t10\t4\t300", "2\t10\tfive\t100");
        assertError(() -> MovieLensLoader.load(dir), "u.data:2", "field 'rating'", "'five'", "a finite number");
        Fixtures.write(dir, "u.data", "1\t10\t4\t300", "", "2\t10\t5");
        assertError(() -> MovieLensLoader.load(dir), "u.data:3", "field 'timestamp'", "missing", "3 field(s)");
        Fixtures.write(dir, "u.data", "1\t10\t4\t3e5");
        assertError(() -> MovieLensLoader.load(dir), "u.data:1", "field 'timestamp'", "'3e5'", "an integer");
        Fixtures.write(dir, "u.data", "1\t\t4\t300");
        assertError(() -> MovieLensLoader.load(dir), "u.data:1", "field 'item'", "a non-empty id");
        write100k();
        Fixtures.write(dir, "u.item", "10|Toy Story (1995)|01-Jan-1995||x|0|2|1");
        assertError(() -> MovieLensLoader.load(dir), "u.item:1", "genre flag Action", "'2'", "0 or 1");
        Fixtures.write(dir, "u.item", "10|Toy Story (1995)|01-Jan-1995||x|0|1");
        assertError(() -> MovieLensLoader.load(dir), "u.item:1", "has 7 fields, expected 8");
        Fixtures.write(dir, "u.item", "10|A (1995)|||x|0|1|0", "10|B (1995)|||x|0|1|0");
        assertError(() -> MovieLensLoader.load(dir), "u.item:2", "'10'", "each movie once");
    }

    @Test
    void loads1mFromSyntheticFiles() {
        Fixtures.write(dir, "ratings.dat", "1::1193::5::978300760", "1::661::3::978302109", "2::1193::4::978298413");
        Fixtures.write(dir, "movies.dat", StandardCharsets.ISO_8859_1,
                "1193::One Flew Over the Cuckoo's Nest (1975)::Drama", "661::James and the Giant Peach (1996)::Animation|Children's|Musical");
        Fixtures.write(dir, "users.dat", "1::F::1::10::48067", "2::M::56::16::70072");
        Dataset d = MovieLensLoader.load(dir);
        assertEquals(MovieLensLoader.Format.ML_1M, MovieLensLoader.detect(SourceDir.of(dir)));
        assertEquals(3, d.numInteractions());
        Item peach = d.catalog().get(d.itemIds().indexOf("661"));
        assertEquals(List.of("Animation", "Children's", "Musical"), peach.categories());
        assertEquals("1996", peach.attributes().get("year"));
        assertEquals("F", d.userTable().attributes(d.userIds().indexOf("1")).get("gender"));
        assertEquals("10", d.userTable().attributes(d.userIds().indexOf("1")).get("occupation"));
        Fixtures.write(dir, "ratings.dat", "1::1193::5::978300760", "1::661:3::978302109");
        assertError(() -> MovieLensLoader.load(dir), "ratings.dat:2", "field 'timestamp'", "missing");
    }

    @Test
    void oneMillionWithoutRatingsNamesTheMissingFile() {
        Fixtures.write(dir, "movies.dat", "1::Toy Story (1995)::Animation");
        assertError(() -> MovieLensLoader.load(dir), dir.resolve("ratings.dat").toString(), "missing file");
    }

    @Test
    void realMl1mHasNoRatingsAndSaysSo() {
        Path ml1m = Fixtures.shared("ml-1m");
        assertError(() -> MovieLensLoader.load(ml1m), ml1m.resolve("ratings.dat").toString(), "no ratings.dat");
    }

    private void writeCsv() {
        Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,3,4.5,964981247", "2,3,1.0,10");
        Fixtures.write(dir, "movies.csv", "movieId,title,genres",
                "1,Toy Story (1995),Adventure|Animation",
                "3,\"American President, The (1995)\",Comedy|Drama|Romance",
                "4,\"Title with \"\"quotes\"\" (2006–2007)\",(no genres listed)");
        Fixtures.write(dir, "tags.csv", "userId,movieId,tag,timestamp", "2,3,funny,1", "5,3,\"politics, US\",2", "6,3,funny,3");
        Fixtures.write(dir, "links.csv", "movieId,imdbId,tmdbId", "1,0114709,862", "3,0112346,");
    }

    @Test
    void loadsCsvFormatWithQuotedTitlesTagsAndLinks() {
        writeCsv();
        Dataset d = MovieLensLoader.load(dir, new MovieLensLoader.Options(true));
        assertEquals(3, d.numInteractions());
        assertEquals(3, d.numItems());
        Item pres = d.catalog().get(d.itemIds().indexOf("3"));
        assertEquals("American President, The (1995)", pres.title());
        assertEquals(List.of("Comedy", "Drama", "Romance"), pres.categories());
        assertEquals("1995", pres.attributes().get("year"));
        assertEquals("funny, politics, US", pres.text().get("tags"));
        assertEquals(Map.of("year", "1995", "imdbId", "0112346"), pres.attributes());
        Item quoted = d.catalog().get(d.itemIds().indexOf("4"));
        assertEquals("Title with \"quotes\" (2006–2007)", quoted.title());
        assertEquals("2006", quoted.attributes().get("year"));
        assertEquals(List.of(), quoted.categories());
        assertEquals("862", d.catalog().get(d.itemIds().indexOf("1")).attributes().get("tmdbId"));
    }

    @Test
    void rejectsMalformedCsv() {
        writeCsv();
        Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,3,NaN,1");
        assertError(() -> MovieLensLoader.load(dir), "ratings.csv:3", "field 'rating'", "'NaN'");
        Fixtures.write(dir, "ratings.csv", "user,movieId,rating,timestamp", "1,1,4.0,964982703");
        assertError(() -> MovieLensLoader.load(dir), "ratings.csv:1", "field 'userId'", "not found in the header");
        writeCsv();
        Fixtures.write(dir, "movies.csv", "movieId,title,genres", "1,\"Toy Story (1995),Animation");
        assertError(() -> MovieLensLoader.load(dir), "movies.csv:2", "never closed");
    }

    @Test
    void notAMovieLensDirectory() {
        Fixtures.write(dir, "other.txt", "x");
        assertError(() -> MovieLensLoader.load(dir), dir.toString(), "not a MovieLens directory");
    }

    @Test
    void realMl100kCounts() {
        Dataset d = MovieLensLoader.load(Fixtures.shared("ml-100k"));
        assertEquals(100_000, d.numInteractions());
        assertEquals(943, d.numUsers());
        assertEquals(1_682, d.numItems());
        assertEquals("Toy Story (1995)", d.catalog().get(d.itemIds().indexOf("1")).title());
        assertTrue(d.catalog().get(d.itemIds().indexOf("1")).categories().contains("Animation"));
        assertEquals("technician", d.userTable().attributes(d.userIds().indexOf("1")).get("occupation"));
    }

    @Test
    void realMlLatestSmallCounts() {
        // the copy bundled on the class path, so this test never skips
        SourceDir bundled = SourceDir.classpath(DataSpecs.BUNDLED_ML_LATEST_SMALL);
        Dataset d = MovieLensLoader.load(bundled, MovieLensLoader.Options.DEFAULT);
        assertEquals(100_836, d.numInteractions());
        assertEquals(610, d.numUsers());
        assertEquals(9_724, d.numItems());
        Dataset all = MovieLensLoader.load(bundled, new MovieLensLoader.Options(true));
        assertEquals(9_742, all.numItems(), "movies.csv lists 9,742 movies");
    }
}
