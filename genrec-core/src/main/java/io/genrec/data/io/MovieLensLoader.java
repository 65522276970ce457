package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a MovieLens directory (GroupLens, Harper &amp; Konstan 2015), detecting its release format:
 * <ul>
 *   <li>{@link Format#ML_100K}: {@code u.data} (user, item, rating, time; tab separated), {@code u.item} (title,
 *       release date, 19 genre flags named by {@code u.genre}), {@code u.user} (age, gender, occupation, zip);
 *       ISO-8859-1 text.</li>
 *   <li>{@link Format#ML_1M}: {@code ratings.dat}, {@code movies.dat}, {@code users.dat}, '::' separated,
 *       ISO-8859-1 text.</li>
 *   <li>{@link Format#CSV} (latest, 20M, 25M): {@code ratings.csv}, {@code movies.csv} (quoted titles, '|' genres),
 *       optional {@code tags.csv} (distinct tags become the item text field "tags") and {@code links.csv}
 *       (attributes imdbId, tmdbId); UTF-8.</li>
 * </ul>
 * Values are the ratings; timestamps are the given seconds. Items enter the id space when rated (first-seen order);
 * {@link Options#includeUnratedItems()} also adds catalogue items nobody rated, for cold-start experiments.
 * Metadata files are optional; the ratings file is required.
 */
public final class MovieLensLoader {
    /** The release layouts this loader reads. */
    public enum Format { ML_100K, ML_1M, CSV }

    /** @param includeUnratedItems add movies of the metadata file without ratings to the item id space */
    public record Options(boolean includeUnratedItems) {
        public static final Options DEFAULT = new Options(false);
    }

    private static final Charset LATIN1 = StandardCharsets.ISO_8859_1;
    private static final Pattern TITLE_YEAR = Pattern.compile("\\((\\d{4})[^()]*\\)\\s*$");
    private static final Pattern DATE_YEAR = Pattern.compile("(\\d{4})$");

    private MovieLensLoader() { }

    public static Dataset load(Path dir) { return load(SourceDir.existingDirectory(dir), Options.DEFAULT); }

    public static Dataset load(Path dir, Options options) { return load(SourceDir.existingDirectory(dir), options); }

    public static Dataset load(SourceDir dir, Options options) {
        return switch (detect(dir)) {
            case ML_100K -> load100k(dir, options);
            case ML_1M -> load1m(dir, options);
            case CSV -> loadCsv(dir, options);
        };
    }

    /**
     * The format by its marker files; a 1M directory without {@code ratings.dat} is an error naming the missing file.
     */
    public static Format detect(SourceDir dir) {
        if (dir.has("u.data")) return Format.ML_100K;
        if (dir.has("ratings.csv")) return Format.CSV;
        if (dir.has("ratings.dat")) return Format.ML_1M;
        if (dir.has("movies.dat") || dir.has("users.dat"))
            throw Source.missing(dir.file("ratings.dat").path(),
                    "missing file: the directory looks like MovieLens 1M (movies.dat/users.dat) but has no ratings.dat");
        if (dir.has("movies.csv"))
            throw Source.missing(dir.file("ratings.csv").path(), "missing file: movies.csv is present but ratings.csv is not");
        throw new DataFormatException(dir.path(), 0, null,
                "not a MovieLens directory: expected u.data (100K), ratings.dat (1M) or ratings.csv (latest/20M/25M)");
    }

    private static String name(SourceDir dir) { return dir.path().getFileName().toString(); }

    // ---------------------------------------------------------------- 100K

    private static Dataset load100k(SourceDir dir, Options options) {
        Source data = dir.file("u.data");
        Dataset.Builder b = new Dataset.Builder(name(dir), InteractionReader.capacityFor(data, 0));
        try (RecordReader in = RecordReader.separated(data, LATIN1, "\t")) {
            new InteractionReader("user<TAB>item<TAB>rating<TAB>timestamp", 0, 1, 2, 3).readAll(in, b);
        }
        Map<String, Item> items = dir.has("u.item") ? read100kItems(dir.file("u.item"), read100kGenres(dir.require("u.genre", "the genre names of u.item"))) : Map.of();
        Map<String, Map<String, String>> users = dir.has("u.user")
                ? readUsers(dir.file("u.user"), "|", new String[] {"age", "gender", "occupation", "zip"}, "user|age|gender|occupation|zip")
                : Map.of();
        return finish(b, items, users, options);
    }

    private static String[] read100kGenres(Source s) {
        List<String> names = new ArrayList<>();
        try (RecordReader in = RecordReader.separated(s, LATIN1, "|")) {
            String[] rec;
            while ((rec = in.next()) != null) {
                String name = in.id(rec, 0, "genre", "name|index");
                long idx = in.longField(rec, 1, "index", "name|index");
                if (idx != names.size()) throw in.bad("index", rec[1], "genre indices 0,1,2,... in order (next is " + names.size() + ")");
                names.add(name);
            }
        }
        return names.toArray(new String[0]);
    }

    private static Map<String, Item> read100kItems(Source s, String[] genres) {
        String layout = "id|title|release date|video release date|IMDb URL|" + genres.length + " genre flags";
        Map<String, Item> items = new HashMap<>();
        try (RecordReader in = RecordReader.separated(s, LATIN1, "|")) {
            String[] rec;
            while ((rec = in.next()) != null) {
                if (rec.length != 5 + genres.length)
                    throw in.error("line", "has " + rec.length + " fields, expected " + (5 + genres.length) + ": " + layout);
                String id = in.id(rec, 0, "id", layout);
                List<String> cats = new ArrayList<>();
                for (int g = 0; g < genres.length; g++) {
                    String flag = rec[5 + g].strip();
                    if (flag.equals("1")) cats.add(genres[g]);
                    else if (!flag.equals("0")) throw in.bad("genre flag " + genres[g], flag, "0 or 1");
                }
                Map<String, String> attrs = new LinkedHashMap<>();
                String release = rec[2].strip();
                putIfPresent(attrs, "releaseDate", release);
                putIfPresent(attrs, "imdbUrl", rec[4].strip());
                String year = yearOf(rec[1]);
                if (year == null) {
                    Matcher m = DATE_YEAR.matcher(release);
                    if (m.find()) year = m.group(1);
                }
                putIfPresent(attrs, "year", year);
                putUnique(items, id, new Item(id, rec[1].strip(), cats, Map.of(), attrs), in);
            }
        }
        return items;
    }

    // ---------------------------------------------------------------- 1M

    private static Dataset load1m(SourceDir dir, Options options) {
        Source ratings = dir.require("ratings.dat", "MovieLens 1M ratings");
        Dataset.Builder b = new Dataset.Builder(name(dir), InteractionReader.capacityFor(ratings, 0));
        try (RecordReader in = RecordReader.separated(ratings, LATIN1, "::")) {
            new InteractionReader("UserID::MovieID::Rating::Timestamp", 0, 1, 2, 3).readAll(in, b);
        }
        Map<String, Item> items = new HashMap<>();
        if (dir.has("movies.dat")) {
            try (RecordReader in = RecordReader.separated(dir.file("movies.dat"), LATIN1, "::")) {
                String[] rec;
                while ((rec = in.next()) != null) {
                    if (rec.length != 3) throw in.error("line", "has " + rec.length + " fields, expected 3: MovieID::Title::Genres");
                    String id = in.id(rec, 0, "MovieID", "MovieID::Title::Genres");
                    putUnique(items, id, movie(id, rec[1], rec[2]), in);
                }
            }
        }
        Map<String, Map<String, String>> users = dir.has("users.dat")
                ? readUsers(dir.file("users.dat"), "::", new String[] {"gender", "age", "occupation", "zip"}, "UserID::Gender::Age::Occupation::Zip-code")
                : Map.of();
        return finish(b, items, users, options);
    }

    // ---------------------------------------------------------------- CSV (latest / 20M / 25M)

    private static Dataset loadCsv(SourceDir dir, Options options) {
        Source ratings = dir.file("ratings.csv");
        Dataset.Builder b = new Dataset.Builder(name(dir), InteractionReader.capacityFor(ratings, 1));
        try (RecordReader in = RecordReader.csv(ratings, StandardCharsets.UTF_8, ',')) {
            String[] h = header(in);
            new InteractionReader("userId,movieId,rating,timestamp", in.column(h, "userId"), in.column(h, "movieId"),
                    in.column(h, "rating"), in.column(h, "timestamp"), "userId", "movieId", "rating", "timestamp").readAll(in, b);
        }
        Map<String, Item> items = new HashMap<>();
        if (dir.has("movies.csv")) {
            try (RecordReader in = RecordReader.csv(dir.file("movies.csv"), StandardCharsets.UTF_8, ',')) {
                String[] h = header(in);
                int idCol = in.column(h, "movieId"), titleCol = in.column(h, "title"), genresCol = in.column(h, "genres");
                String layout = "movieId,title,genres";
                String[] rec;
                while ((rec = in.next()) != null) {
                    String id = in.id(rec, idCol, "movieId", layout);
                    putUnique(items, id, movie(id, in.field(rec, titleCol, "title", layout), in.field(rec, genresCol, "genres", layout)), in);
                }
            }
        }
        Map<String, Set<String>> tags = new HashMap<>();
        if (dir.has("tags.csv")) {
            try (RecordReader in = RecordReader.csv(dir.file("tags.csv"), StandardCharsets.UTF_8, ',')) {
                String[] h = header(in);
                int idCol = in.column(h, "movieId"), tagCol = in.column(h, "tag");
                String[] rec;
                while ((rec = in.next()) != null) {
                    String id = in.id(rec, idCol, "movieId", "userId,movieId,tag,timestamp");
                    String tag = in.field(rec, tagCol, "tag", "userId,movieId,tag,timestamp").strip();
                    if (!tag.isEmpty()) tags.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(tag);
                }
            }
        }
        Map<String, Map<String, String>> links = new HashMap<>();
        if (dir.has("links.csv")) {
            try (RecordReader in = RecordReader.csv(dir.file("links.csv"), StandardCharsets.UTF_8, ',')) {
                String[] h = header(in);
                int idCol = in.column(h, "movieId"), imdbCol = in.column(h, "imdbId"), tmdbCol = in.column(h, "tmdbId");
                String[] rec;
                while ((rec = in.next()) != null) {
                    String layout = "movieId,imdbId,tmdbId";
                    String id = in.id(rec, idCol, "movieId", layout);
                    Map<String, String> a = new LinkedHashMap<>();
                    putIfPresent(a, "imdbId", in.field(rec, imdbCol, "imdbId", layout).strip());
                    putIfPresent(a, "tmdbId", in.field(rec, tmdbCol, "tmdbId", layout).strip());
                    if (links.putIfAbsent(id, a) != null) throw in.bad("movieId", id, "each movie once (duplicate)");
                }
            }
        }
        if (!tags.isEmpty() || !links.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>(items.keySet());
            ids.addAll(tags.keySet());
            ids.addAll(links.keySet());
            Map<String, Item> merged = new HashMap<>();
            for (String id : ids) {
                Item base = items.getOrDefault(id, Item.bare(id));
                Map<String, String> text = new LinkedHashMap<>(base.text());
                Set<String> t = tags.get(id);
                if (t != null) text.put("tags", String.join(", ", t));
                Map<String, String> attrs = new LinkedHashMap<>(base.attributes());
                attrs.putAll(links.getOrDefault(id, Map.of()));
                merged.put(id, new Item(id, base.title(), base.categories(), text, attrs));
            }
            items = merged;
        }
        return finish(b, items, Map.of(), options);
    }

    private static String[] header(RecordReader in) {
        String[] h = in.next();
        if (h == null) throw new DataFormatException(in.file(), 1, null, "empty file: expected a header line");
        return h;
    }

    // ---------------------------------------------------------------- shared

    /** A movie from the 1M/CSV layout: title with "(year)" and '|' separated genres. */
    private static Item movie(String id, String title, String genres) {
        List<String> cats = new ArrayList<>();
        for (String g : genres.split("\\|")) {
            String s = g.strip();
            if (!s.isEmpty() && !s.equals("(no genres listed)")) cats.add(s);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        putIfPresent(attrs, "year", yearOf(title));
        return new Item(id, title.strip(), cats, Map.of(), attrs);
    }

    /** The year in a trailing "(1995)" or "(2006-2007)" of a MovieLens title, or null. */
    static String yearOf(String title) {
        Matcher m = TITLE_YEAR.matcher(title);
        return m.find() ? m.group(1) : null;
    }

    private static Map<String, Map<String, String>> readUsers(Source s, String sep, String[] names, String layout) {
        Map<String, Map<String, String>> users = new HashMap<>();
        try (RecordReader in = RecordReader.separated(s, LATIN1, sep)) {
            String[] rec;
            while ((rec = in.next()) != null) {
                if (rec.length != names.length + 1)
                    throw in.error("line", "has " + rec.length + " fields, expected " + (names.length + 1) + ": " + layout);
                String id = in.id(rec, 0, "user", layout);
                Map<String, String> a = new LinkedHashMap<>();
                for (int k = 0; k < names.length; k++) putIfPresent(a, names[k], rec[k + 1].strip());
                if (users.putIfAbsent(id, a) != null) throw in.bad("user", id, "each user once (duplicate)");
            }
        }
        return users;
    }

    private static void putUnique(Map<String, Item> items, String id, Item item, RecordReader in) {
        if (items.putIfAbsent(id, item) != null) throw in.bad("movie id", id, "each movie once (duplicate)");
    }

    private static void putIfPresent(Map<String, String> m, String key, String value) {
        if (value != null && !value.isEmpty()) m.put(key, value);
    }

    /** Registers unrated items when asked, then builds with catalog and user table aligned to the id maps. */
    private static Dataset finish(Dataset.Builder b, Map<String, Item> items, Map<String, Map<String, String>> users,
                                  Options options) {
        if (options.includeUnratedItems()) items.keySet().stream().sorted(MovieLensLoader::compareIds).forEach(b::item);
        return b.build(ids -> Metadata.catalog(ids, items), ids -> Metadata.userTable(ids, users));
    }

    /** Numeric ids in numeric order, so unrated items are added in a reproducible order. */
    private static int compareIds(String a, String b) {
        if (a.length() != b.length() && a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit))
            return Integer.compare(a.length(), b.length());
        return a.compareTo(b);
    }
}
