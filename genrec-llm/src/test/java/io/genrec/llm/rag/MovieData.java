package io.genrec.llm.rag;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.util.List;
import java.util.Map;

/**
 * A tiny catalogue with titles, categories and descriptions: 8 films, 6 users. Popularity (interaction counts):
 * m0 Toy Story 5, m1 Heat 4, m2 Ronin 3, m3 Alien 3, m4 Amélie 2, m5 Matrix 2, m6 Fargo 1, m7 Brazil 1.
 */
final class MovieData {
    static final String[][] ITEMS = {
            {"m0", "Toy Story (1995)", "Animation|Children|Comedy", "toys come to life"},
            {"m1", "Heat (1995)", "Action|Crime|Thriller", "a heist crew and a detective"},
            {"m2", "Ronin (1998)", "Action|Crime|Thriller", "mercenaries chase a briefcase heist"},
            {"m3", "Alien (1979)", "Horror|Sci-Fi", "a crew fights a creature in space"},
            {"m4", "Amélie (2001)", "Comedy|Romance", "a shy waitress in paris"},
            {"m5", "Matrix, The (1999)", "Action|Sci-Fi", "a hacker learns reality is simulated"},
            {"m6", "Fargo (1996)", "Comedy|Crime|Drama", "a kidnapping goes wrong in the snow"},
            {"m7", "Brazil (1985)", "Fantasy|Sci-Fi", "a clerk in a bureaucratic dystopia"},
    };
    static final String[][] HISTORY = {
            {"m0", "m1", "m2", "m3", "m4"}, {"m0", "m1", "m2", "m5"}, {"m0", "m1", "m3"},
            {"m0", "m1", "m4", "m6"}, {"m0", "m2", "m3", "m5"}, {"m7"},
    };

    private MovieData() { }

    static Dataset dataset() { return dataset(ITEMS); }

    /** The interactions above over a catalogue with the given rows (id, title, categories, description). */
    static Dataset dataset(String[][] items) {
        Dataset.Builder b = new Dataset.Builder("movies-tiny");
        for (String[] it : items) b.item(it[0]);
        for (int u = 0; u < HISTORY.length; u++) {
            for (int k = 0; k < HISTORY[u].length; k++) b.add("u" + u, HISTORY[u][k], 1f, 100L * u + k);
        }
        return b.build(ids -> catalog(ids, items), null);
    }

    static ItemCatalog catalog(IdMap ids, String[][] rows) {
        Item[] out = new Item[ids.size()];
        for (String[] r : rows) {
            out[ids.require(r[0], "item")] = new Item(r[0], r[1], List.of(r[2].split("\\|")), Map.of("description", r[3]), Map.of());
        }
        return new ItemCatalog(out);
    }
}
