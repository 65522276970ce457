package io.genrec.llm.crs;

import java.util.List;

/**
 * One recommendation turn: the conversation before it, the movies the dataset's annotation marks as mentioned in that
 * context (catalogue indices), the movies the recommender then named (the targets), the human response text, and the
 * other entities the annotation links in the context (genres, people; ReDial's iEvaLM processing only).
 */
public record CrsSample(String dialogId, int turn, List<Utterance> context, int[] contextMovies, int[] targets, String response,
                        List<String> contextEntities) {
    public CrsSample { context = List.copyOf(context); contextEntities = List.copyOf(contextEntities); }

    /** A sample without entity annotations. */
    public CrsSample(String dialogId, int turn, List<Utterance> context, int[] contextMovies, int[] targets, String response) {
        this(dialogId, turn, context, contextMovies, targets, response, List.of());
    }

    /** Targets not already mentioned in the context (the "fresh only" protocol of Kostric and Balog). */
    public int[] freshTargets() {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int m : contextMovies) seen.add(m);
        return java.util.Arrays.stream(targets).filter(t -> !seen.contains(t)).toArray();
    }
}
