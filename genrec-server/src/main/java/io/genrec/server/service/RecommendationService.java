package io.genrec.server.service;

import io.genrec.server.store.AppendResult;
import io.genrec.server.store.Event;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * The one API of a running GenRec: the HTTP routes and the MCP tools both call it, so they cannot disagree.
 * Unknown items and models throw {@link NoSuchElementException} naming the id; bad arguments throw
 * {@link IllegalArgumentException} naming the field. Implementations are safe for concurrent use.
 */
public interface RecommendationService {
    int MAX_K = 1000;

    ItemList recommend(RecommendRequest request);

    /** Items similar to {@code item} according to {@code model} (null: the default). */
    ItemList similar(String item, int k, String model);

    /** Natural-language search over the catalogue (dense retrieval). */
    ItemList search(String query, int k);

    Explanation explain(String user, String item, String model);

    /** Stores the events durably, then makes them visible to the next recommendation of their users. */
    AppendResult record(List<Event> events);

    List<ModelInfo> models();
}
