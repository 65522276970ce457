package io.genrec.llm.dense;

import io.genrec.model.Capability;
import io.genrec.data.DataFormatException;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ModelArchive;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.UserContext;
import io.genrec.provenance.Provenance;
import io.genrec.util.SafeWrites;

import java.io.IOException;
import java.nio.file.Path;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A fitted {@link ColdStartRecommender}: the base model's scores, with the cold items' scores replaced by their
 * rank-placed text scores (the placement rule is on the recommender). Saved as a directory with the cold items
 * ({@code model.json}, {@code arrays.bin}) and the base and text models in {@code base/} and {@code text/}, each
 * written by its own provider; it can be saved when its base can.
 */
final class ColdStartModel implements FittedRecommender {
    private static final String BASE = "base", TEXT = "text";
    private final FittedRecommender base;
    private final DenseRetrievalModel text;
    private final int[] coldItems;
    private final int[] warmItems;
    private final Provenance provenance;

    ColdStartModel(FittedRecommender base, DenseRetrievalModel text, boolean[] cold, Provenance provenance) {
        if (base.numItems() != cold.length || text.numItems() != cold.length)
            throw new IllegalArgumentException("base has " + base.numItems() + " items, text side " + text.numItems() + ", data " + cold.length);
        this.base = base;
        this.text = text;
        int c = 0;
        for (boolean b : cold) if (b) c++;
        coldItems = new int[c];
        warmItems = new int[cold.length - c];
        for (int i = 0, ci = 0, wi = 0; i < cold.length; i++) {
            if (cold[i]) coldItems[ci++] = i;
            else warmItems[wi++] = i;
        }
        this.provenance = provenance;
    }

    @Override
    public String name() { return ColdStartRecommender.NAME; }

    @Override
    public int numItems() { return base.numItems(); }

    /** The items scored by text (a copy). */
    public int[] coldItems() { return coldItems.clone(); }

    @Override
    public void scoreAll(UserContext user, float[] out) {
        checkBuffer(out);
        base.scoreAll(user, out);
        if (coldItems.length == 0 || warmItems.length == 0) return;
        float[] query = text.queryVector(user);
        if (query == null) return;
        float[] cosines = new float[out.length];
        text.scoreQuery(query, cosines);
        boolean[] inHistory = new boolean[out.length];
        for (int item : user.history()) if (item >= 0 && item < out.length) inHistory[item] = true;
        float[] warmCos = new float[warmItems.length];
        float[] warmBase = new float[warmItems.length];
        int candidates = 0, finite = 0;
        for (int item : warmItems) {
            if (inHistory[item]) continue;
            warmCos[candidates++] = cosines[item];
            float s = out[item];
            if (Float.isFinite(s)) warmBase[finite++] = s;
        }
        if (finite == 0) return;
        Arrays.sort(warmCos, 0, candidates);
        Arrays.sort(warmBase, 0, finite);
        for (int item : coldItems) {
            int moreSimilar = candidates - upperBound(warmCos, candidates, cosines[item]);
            out[item] = moreSimilar == 0 ? Math.nextUp(warmBase[finite - 1])
                    : Math.nextDown(warmBase[finite - Math.min(moreSimilar, finite)]);
        }
    }

    /** The first index in sorted {@code a[0, n)} whose value is greater than {@code x}. */
    private static int upperBound(float[] a, int n, float x) {
        int lo = 0, hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    @Override
    public Provenance provenance() { return provenance; }

    @Override
    public void save(Path dir) throws IOException {
        require(Capability.PERSISTENCE);
        SafeWrites.writeDirectory(dir, SafeWrites.MODEL, tmp -> {
            new ModelArchive().putInts("coldItems", coldItems).putExtra("numItems", numItems()).putExtra("base", base.name())
                    .write(tmp, ColdStartRecommender.NAME, provenance);
            base.save(tmp.resolve(BASE));
            text.save(tmp.resolve(TEXT));
        });
    }

    /** Restores a model written by {@link #save}; the base is loaded by its own provider. */
    static ColdStartModel load(Path dir) throws IOException {
        ModelArchive.Loaded a = ModelArchive.read(dir);
        if (!ColdStartRecommender.NAME.equals(a.header().model()))
            throw new DataFormatException(dir.resolve("model.json"), 0, "model", "saved model is '" + a.header().model() + "', expected '" + ColdStartRecommender.NAME + "'");
        int n = a.number("numItems").intValue();
        boolean[] cold = new boolean[n];
        for (int item : a.ints("coldItems")) {
            if (item < 0 || item >= n) throw new DataFormatException(a.file(), 0, "coldItems", "item " + item + " out of range [0," + n + ")");
            cold[item] = true;
        }
        FittedRecommender base = RecommenderRegistry.load().load(dir.resolve(BASE));
        return new ColdStartModel(base, DenseRetrievalModel.load(dir.resolve(TEXT), null), cold, a.header().provenance());
    }

    @Override
    public Set<Capability> capabilities() { return capabilities(base.capabilities()); }

    /** The base model's capabilities without rating prediction. */
    static Set<Capability> capabilities(Set<Capability> base) {
        Set<Capability> c = EnumSet.noneOf(Capability.class);
        c.addAll(base);
        // PERSISTENCE stays exactly when the base has it: the text side can always be saved.
        c.remove(Capability.RATING_PREDICTION);
        return c;
    }
}
