package io.genrec.llm.crs;

import java.util.List;

/**
 * One candidate movie of a conversational benchmark or chat catalogue. {@code mlItem} is the dense item index in the
 * linked MovieLens data, or -1 when the movie did not link (it stays a text-only item: dense and popularity scores
 * still reach it, collaborative ones do not).
 */
public record CrsMovie(int index, String id, String name, int year, List<String> genres, String plot,
                       List<String> directors, List<String> writers, List<String> stars, int mlItem) {
    public CrsMovie {
        genres = List.copyOf(genres); directors = List.copyOf(directors); writers = List.copyOf(writers); stars = List.copyOf(stars);
        plot = plot == null ? "" : plot;
    }

    public CrsMovie withMlItem(int ml) { return new CrsMovie(index, id, name, year, genres, plot, directors, writers, stars, ml); }

    public CrsMovie withIndex(int i) { return new CrsMovie(i, id, name, year, genres, plot, directors, writers, stars, mlItem); }

    /** The text embedded for dense retrieval: title, genres, credits and plot. */
    public String text() {
        StringBuilder b = new StringBuilder(name);
        if (!genres.isEmpty()) b.append(". Genres: ").append(String.join(", ", genres));
        if (!directors.isEmpty()) b.append(". Director: ").append(String.join(", ", directors));
        if (!stars.isEmpty()) b.append(". Starring: ").append(String.join(", ", stars));
        if (!plot.isEmpty()) b.append(". ").append(plot);
        return b.toString();
    }
}
