package io.genrec.models.training;

import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Common part of a fitted neural model: name, weights, provenance, config parameters, persistence and buffer checks.
 * Subclasses implement {@link #score} with a Java forward pass over plain arrays, so scoring is thread safe and uses
 * no native memory.
 */
public abstract class NeuralFitted implements FittedRecommender {
    private final String name;
    private final int numItems;
    private final Provenance provenance;
    private final Map<String, String> params;
    protected final ParameterSet weights;

    protected NeuralFitted(String name, int numItems, Provenance provenance, Map<String, String> params, ParameterSet weights) {
        this.name = name;
        this.numItems = numItems;
        this.provenance = provenance;
        this.params = Map.copyOf(params);
        this.weights = weights;
    }

    @Override public String name() { return name; }
    @Override public int numItems() { return numItems; }
    @Override public Provenance provenance() { return provenance; }

    /** What every neural model can do unless it says more: be saved, and score any history (fold-in). */
    public static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(EnumSet.of(Capability.PERSISTENCE, Capability.FOLD_IN));

    @Override
    public Set<Capability> capabilities() { return CAPABILITIES; }

    @Override
    public final void scoreAll(UserContext user, float[] out) {
        checkBuffer(out);
        checkHistory(user);
        score(user, out);
    }

    @Override
    public final void scoreBatch(UserContext[] users, float[][] out, int count) {
        for (int i = 0; i < count; i++) {
            checkBuffer(out[i]);
            checkHistory(users[i]);
        }
        score(users, out, count);
    }

    /** Writes the scores of validated requests; models that gain from batching override this. */
    protected void score(UserContext[] users, float[][] out, int count) {
        for (int i = 0; i < count; i++) score(users[i], out[i]);
    }

    /** Rejects a request whose history names an item outside the model's catalog. */
    protected final void checkHistory(UserContext user) { checkHistory(user, numItems); }

    /** Rejects a request whose history names an item outside {@code [0, numItems)}. */
    static void checkHistory(UserContext user, int numItems) {
        for (int item : user.history())
            if (item < 0 || item >= numItems) throw new IllegalArgumentException("history item " + item + " out of range [0," + numItems + ")");
    }

    /** Writes one score per item for a validated request. */
    protected abstract void score(UserContext user, float[] out);

    @Override
    public void save(Path dir) throws IOException {
        NeuralArchive.save(dir, name, provenance, params, weights);
    }

    /** {@link #distinct} of each of the first {@code count} users' histories (the input of a batched multi-hot scorer). */
    protected static int[][] distinctHistories(UserContext[] users, int count) {
        int[][] items = new int[count][];
        for (int i = 0; i < count; i++) items[i] = distinct(users[i].history());
        return items;
    }

    /** The distinct history items (a multi-hot input counts an item once). */
    protected static int[] distinct(int[] history) {
        java.util.BitSet seen = new java.util.BitSet();
        int[] out = new int[history.length];
        int n = 0;
        for (int item : history) if (!seen.get(item)) { seen.set(item); out[n++] = item; }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }
}
