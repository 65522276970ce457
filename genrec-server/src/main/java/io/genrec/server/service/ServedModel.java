package io.genrec.server.service;

import io.genrec.data.IdMap;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * One immutable served version of a model: the fitted model, the map between its dense item ids and the catalogue's
 * global ids, its user ids (for models that score by user id), and what {@code /v1/models} shows. A retrain builds a
 * new one; requests that hold the old one finish on it.
 *
 * @param globalToModel global item id → model item id, -1 for items the model does not know; items added to the
 *                      catalogue after it was built are past its end
 */
public record ServedModel(String name, String version, FittedRecommender model, int[] modelToGlobal, int[] globalToModel,
                          IdMap users, Instant fittedAt, double fitSeconds, Map<String, Object> provenance,
                          Map<String, Double> validation) {

    /** Binds {@code model} (dense ids per {@code items}/{@code users}) to the catalogue, adding unknown items to it. */
    public static ServedModel bind(String name, String version, FittedRecommender model, IdMap items, IdMap users, Catalog catalog,
                                   Instant fittedAt, double fitSeconds, Map<String, Object> provenance, Map<String, Double> validation) {
        if (model.numItems() != items.size())
            throw new IllegalArgumentException("model '" + name + "' has " + model.numItems() + " items, its id map " + items.size());
        int[] toGlobal = new int[items.size()];
        for (int i = 0; i < toGlobal.length; i++) toGlobal[i] = catalog.ensure(items.externalId(i));
        int[] toModel = new int[catalog.size()];
        Arrays.fill(toModel, -1);
        for (int i = 0; i < toGlobal.length; i++) toModel[toGlobal[i]] = i;
        return new ServedModel(name, version, model, toGlobal, toModel, users, fittedAt, fitSeconds, provenance, validation);
    }

    /** Scores users from their history at request time (so new events count at once). */
    public boolean scoresFromHistory() { return model.capabilities().contains(Capability.FOLD_IN); }

    /** The model's dense id of global item {@code g}, or -1. */
    public int toModel(int g) { return g < globalToModel.length ? globalToModel[g] : -1; }

    /** The model's dense id of {@code user}, or -1 (unknown at fit time). */
    public int userIndex(String user) { return users == null ? -1 : users.indexOf(user); }

    /**
     * What a request for {@code user} asks this model to score: its user id (when known) and {@code mapped}, its
     * history in this model's ids (null: no history); or null when the model cannot score the user and the request
     * gets the cold-start answer instead.
     */
    public UserContext requestContext(String user, UserHistories.Mapped mapped) {
        int userIndex = userIndex(user);
        boolean known = scoresFromHistory() ? (mapped != null && mapped.items().length > 0) || userIndex >= 0 : userIndex >= 0;
        if (!known) return null;
        return mapped == null ? new UserContext(userIndex, new int[0], new long[0], "")
                : new UserContext(userIndex, mapped.items(), mapped.times(), "", mapped.values());
    }
}
