package io.genrec.llm.crs;

/**
 * A recommender for one conversation turn: scores every catalogue movie given the conversation so far and its
 * tracked state (higher is better, {@code -infinity} never). One interface so the benchmark, the chat and the agent
 * drive every recommender alike. Implementations are safe for concurrent calls.
 */
public interface CrsRecommender {
    String name();

    void score(Turn turn, float[] out);

    /** The conversation before the recommendation, with its state and a query text for the text paths. */
    record Turn(java.util.List<Utterance> context, DialogueState state, String queryText) { }
}
