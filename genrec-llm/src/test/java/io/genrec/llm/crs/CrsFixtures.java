package io.genrec.llm.crs;

import java.util.List;

/** A small hand-made movie catalogue for the conversational tests. */
final class CrsFixtures {
    private CrsFixtures() { }

    static CrsMovie movie(String name, List<String> genres, List<String> directors, List<String> stars) {
        return new CrsMovie(0, name, name, Titles.key(name).year(), genres, "", directors, List.of(), stars, -1);
    }

    static CrsCatalog catalog() {
        return new CrsCatalog(List.of(
                movie("The Matrix (1999)", List.of("action", "sci-fi"), List.of("Lana Wachowski"), List.of("Keanu Reeves")),
                movie("Inception (2010)", List.of("action", "sci-fi", "thriller"), List.of("Christopher Nolan"), List.of("Leonardo DiCaprio")),
                movie("The Notebook (2004)", List.of("romance", "drama"), List.of("Nick Cassavetes"), List.of("Ryan Gosling")),
                movie("It (2017)", List.of("horror"), List.of("Andy Muschietti"), List.of("Bill Skarsgard")),
                movie("It (1990)", List.of("horror"), List.of("Tommy Lee Wallace"), List.of("Tim Curry")),
                movie("Up (2009)", List.of("animation", "family"), List.of("Pete Docter"), List.of("Ed Asner")),
                movie("Arrival (2016)", List.of("drama", "sci-fi"), List.of("Denis Villeneuve"), List.of("Amy Adams")),
                movie("Superbad (2007)", List.of("comedy"), List.of("Greg Mottola"), List.of("Jonah Hill")),
                movie("Saving Private Ryan (1998)", List.of("war", "drama"), List.of("Steven Spielberg"), List.of("Tom Hanks"))));
    }
}
