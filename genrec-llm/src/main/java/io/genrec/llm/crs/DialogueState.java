package io.genrec.llm.crs;

import java.util.List;

/**
 * What the conversation so far says about the seeker: movies liked, disliked and seen (catalogue indices, in the
 * order first mentioned), movies the recommender already suggested, requested and avoided genres, a year range
 * (0 = open), people asked for, free-text moods ("less violent") kept as said, and the movies of the latest utterance
 * that named any (what the conversation is about right now, in the order named).
 */
public record DialogueState(List<Integer> liked, List<Integer> disliked, List<Integer> seen, List<Integer> recommended,
                            List<String> genres, List<String> avoidGenres, int yearFrom, int yearTo,
                            List<String> people, List<String> moods, List<Integer> recent) {
    public DialogueState {
        liked = List.copyOf(liked); disliked = List.copyOf(disliked); seen = List.copyOf(seen); recommended = List.copyOf(recommended);
        genres = List.copyOf(genres); avoidGenres = List.copyOf(avoidGenres); people = List.copyOf(people); moods = List.copyOf(moods);
        recent = List.copyOf(recent);
    }

    public static final DialogueState EMPTY = new DialogueState(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 0, 0, List.of(), List.of(), List.of());

    /** Every movie the conversation mentioned, by either side. */
    public java.util.Set<Integer> mentioned() {
        java.util.Set<Integer> s = new java.util.LinkedHashSet<>(liked);
        s.addAll(disliked); s.addAll(seen); s.addAll(recommended);
        return s;
    }

    public boolean hasPreference() { return !liked.isEmpty() || !genres.isEmpty() || !people.isEmpty() || yearFrom > 0 || yearTo > 0; }
}
