package io.genrec.llm.crs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-labelled turns: each conversation's expected state was written down by reading the text. */
class StateTrackerTest {
    private final CrsCatalog cat = CrsFixtures.catalog();
    private final StateTracker tracker = new StateTracker(cat, null);

    private int idx(String name) { return cat.indexOfName(name); }

    @Test
    void likedMoviesAndALessViolentRequest() {
        DialogueState s = tracker.track(List.of(Utterance.user("I loved The Matrix and Inception, something similar but less violent?")));
        assertEquals(List.of(idx("The Matrix (1999)"), idx("Inception (2010)")), s.liked());
        assertTrue(s.disliked().isEmpty());
        assertTrue(s.avoidGenres().containsAll(StateTracker.VIOLENT), s.avoidGenres().toString());
        assertEquals(List.of("not violent"), s.moods());
    }

    @Test
    void negativeClauseMarksDislikeAndButSplitsClauses() {
        DialogueState s = tracker.track(List.of(Utterance.user("I didn't like The Notebook but Arrival was amazing")));
        assertEquals(List.of(idx("The Notebook (2004)")), s.disliked());
        assertEquals(List.of(idx("Arrival (2016)")), s.liked());
    }

    @Test
    void unseenMovieIsNeitherLikedNorDisliked() {
        DialogueState s = tracker.track(List.of(Utterance.user("I have never seen Superbad. I like comedies though")));
        assertTrue(s.liked().isEmpty(), s.liked().toString());
        assertTrue(s.disliked().isEmpty());
        assertEquals(List.of("comedy"), s.genres());
    }

    @Test
    void yearPicksTheRemakeAndCommonWordsAreNotTitles() {
        DialogueState s = tracker.track(List.of(Utterance.user("it was up to me, and I enjoyed It (1990) a lot")));
        assertEquals(List.of(idx("It (1990)")), s.liked());
    }

    @Test
    void recommenderSuggestionsAndTheSeekersReply() {
        DialogueState s = tracker.track(List.of(
                Utterance.user("Hi! I want a scary movie from the 90s"),
                Utterance.recommender("Have you seen It (1990)?"),
                Utterance.user("Yes, I've seen it already"),
                Utterance.recommender("How about Saving Private Ryan (1998) with Tom Hanks?"),
                Utterance.user("No, I hate war movies")));
        assertEquals(List.of("horror"), s.genres());
        assertEquals(1990, s.yearFrom());
        assertEquals(1999, s.yearTo());
        assertEquals(List.of(idx("It (1990)"), idx("Saving Private Ryan (1998)")), s.recommended());
        assertEquals(List.of(idx("It (1990)")), s.seen());
        assertEquals(List.of(idx("Saving Private Ryan (1998)")), s.disliked());
        assertTrue(s.avoidGenres().contains("war"), s.avoidGenres().toString());
        assertTrue(s.liked().isEmpty());
    }

    @Test
    void peopleFromTheCatalogueCredits() {
        DialogueState s = tracker.track(List.of(Utterance.user("anything by christopher nolan or with Amy Adams")));
        assertEquals(List.of("christopher nolan", "amy adams"), s.people());
    }

    @Test
    void trailingArticleTitlesNormaliseAlike() {
        assertEquals(Titles.key("The Matrix (1999)"), Titles.key("Matrix, The (1999)"));
        assertEquals(List.of(new Titles.Key("sunset blvd", 1950), new Titles.Key("sunset boulevard", 1950)),
                Titles.keys("Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)"));
        assertEquals(cat.indexOfName("The Matrix (1999)"), cat.lookup("matrix, the (1999)"));
    }
}
