package io.genrec.llm.crs;

import io.genrec.data.Dataset;
import io.genrec.data.Item;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The candidate movies of one conversation setting, with the lookups the tracker and recommenders need: by exact
 * name, by normalised title (+ year), people and genre vocabularies. Immutable once built.
 */
public final class CrsCatalog {
    private final List<CrsMovie> movies;
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<Titles.Key, Integer> byKey = new HashMap<>();
    /** normalised title without year -> movies with that title (several years possible). */
    private final Map<String, List<Integer>> byTitle = new HashMap<>();
    private final Map<String, List<Integer>> byPerson = new HashMap<>();
    private final Set<String> genres = new LinkedHashSet<>();
    private final int maxTitleWords;

    public CrsCatalog(List<CrsMovie> list) {
        List<CrsMovie> m = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) m.add(list.get(i).withIndex(i));
        this.movies = List.copyOf(m);
        int maxWords = 1;
        for (CrsMovie mv : movies) {
            byName.putIfAbsent(spaces(mv.name()), mv.index());
            byId.putIfAbsent(mv.id(), mv.index());
            Titles.Key k = Titles.key(mv.name());
            byKey.putIfAbsent(k, mv.index());
            if (!k.title().isEmpty()) {
                byTitle.computeIfAbsent(k.title(), t -> new ArrayList<>()).add(mv.index());
                maxWords = Math.max(maxWords, k.title().split(" ").length);
            }
            for (String p : mv.directors()) byPerson.computeIfAbsent(p.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(mv.index());
            for (String p : mv.stars()) byPerson.computeIfAbsent(p.toLowerCase(Locale.ROOT), x -> new ArrayList<>()).add(mv.index());
            for (String g : mv.genres()) genres.add(g.toLowerCase(Locale.ROOT));
        }
        this.maxTitleWords = Math.min(maxWords, 12);
    }

    private static String spaces(String s) { return s.strip().replaceAll("\\s+", " "); }

    public int size() { return movies.size(); }

    public CrsMovie get(int i) { return movies.get(i); }

    public List<CrsMovie> movies() { return movies; }

    /** Index of the movie with this data-set id, else -1. */
    public int indexOfId(String id) { return byId.getOrDefault(id, -1); }

    /** Index of the movie with exactly this name (whitespace-insensitive), else -1. */
    public int indexOfName(String name) { return byName.getOrDefault(spaces(name), -1); }

    /** Index by normalised title and year, falling back to title alone when it is unambiguous; -1 when unknown. */
    public int lookup(String raw) {
        int exact = indexOfName(raw);
        if (exact >= 0) return exact;
        Titles.Key k = Titles.key(raw);
        Integer i = byKey.get(k);
        if (i != null) return i;
        List<Integer> same = byTitle.get(k.title());
        if (same == null) return -1;
        if (k.year() == 0 || same.size() == 1) return k.year() == 0 || Math.abs(movies.get(same.getFirst()).year() - k.year()) <= 1 ? same.getFirst() : -1;
        return -1;
    }

    List<Integer> titled(String normalisedTitle) { return byTitle.getOrDefault(normalisedTitle, List.of()); }

    int maxTitleWords() { return maxTitleWords; }

    Map<String, List<Integer>> people() { return byPerson; }

    /** Lower-cased genre names present in the metadata. */
    public Set<String> genres() { return genres; }

    /**
     * Links every movie to {@code ml}'s items by normalised title + year (MovieLens titles carry the year; their
     * "a.k.a." alternative titles count too; a year off by one is accepted when only one MovieLens movie has that
     * title and a year one apart). Movies without a year are not linked (too ambiguous). Returns
     * the linked catalogue; unmatched movies keep {@code mlItem = -1}.
     */
    public CrsCatalog linkedTo(Dataset ml) {
        Map<Titles.Key, Integer> mlKeys = new HashMap<>();
        Map<String, List<Integer>> mlTitles = new HashMap<>();
        for (int j = 0; j < ml.numItems(); j++) {
            Item it = ml.catalog().get(j);
            if (it.title().isEmpty()) continue;
            for (Titles.Key k : Titles.keys(it.title())) {
                mlKeys.putIfAbsent(k, j);
                mlTitles.computeIfAbsent(k.title(), t -> new ArrayList<>()).add(j);
            }
        }
        List<CrsMovie> out = new ArrayList<>(movies.size());
        for (CrsMovie m : movies) {
            Titles.Key k = Titles.key(m.name());
            Integer j = k.year() == 0 ? null : mlKeys.get(k);
            if (j == null && k.year() != 0) {
                // release years differ by one between sources (festival vs. general release): accept when unique
                List<Integer> near = new ArrayList<>();
                for (int c : mlTitles.getOrDefault(k.title(), List.of()))
                    if (Math.abs(Titles.key(ml.catalog().get(c).title()).year() - k.year()) == 1 && !near.contains(c)) near.add(c);
                if (near.size() == 1) j = near.getFirst();
            }
            out.add(m.withMlItem(j == null ? -1 : j));
        }
        return new CrsCatalog(out);
    }

    /** How many movies link to MovieLens. */
    public int linkedCount() { return (int) movies.stream().filter(m -> m.mlItem() >= 0).count(); }

    /**
     * A chat catalogue from a GenRec data set's items (MovieLens: title with year, genres); every item is linked to
     * itself, so collaborative scores cover the whole catalogue.
     */
    public static CrsCatalog fromDataset(Dataset data) {
        List<CrsMovie> list = new ArrayList<>(data.numItems());
        for (int j = 0; j < data.numItems(); j++) {
            Item it = data.catalog().get(j);
            String name = it.title().isEmpty() ? it.id() : it.title();
            List<String> g = it.categories().stream().filter(c -> !c.equals("(no genres listed)")).map(c -> c.toLowerCase(Locale.ROOT)).toList();
            String tags = it.text().getOrDefault("tags", "");
            list.add(new CrsMovie(j, it.id(), displayName(name), Titles.key(name).year(), g, tags.isEmpty() ? "" : "Tags: " + tags,
                    List.of(), List.of(), List.of(), j));
        }
        return new CrsCatalog(list);
    }

    /** "Matrix, The (1999)" as "The Matrix (1999)" for display. */
    static String displayName(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*), (The|A|An)( \\(.*)?$").matcher(name.strip());
        return m.matches() ? m.group(2) + " " + m.group(1) + (m.group(3) == null ? "" : m.group(3)) : name.strip();
    }
}
