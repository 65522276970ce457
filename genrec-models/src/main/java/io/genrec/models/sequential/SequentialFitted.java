package io.genrec.models.sequential;

import io.genrec.model.Capability;
import io.genrec.model.ItemFilter;
import io.genrec.model.SequenceGenerator;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.models.training.NeuralFitted;
import io.genrec.models.training.ParameterSet;
import io.genrec.provenance.Provenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A trained next-item model: scores are its next-item logits given the (time-ordered) history, and
 * {@link #generate} continues a history auto-regressively by several items (greedy or beam search), feeding each
 * chosen item back as input.
 */
public abstract class SequentialFitted extends NeuralFitted implements SequenceGenerator {
    /** What every sequence model can do; also declared by the unfitted models ({@code Recommender#capabilities}). */
    static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(
            EnumSet.of(Capability.PERSISTENCE, Capability.FOLD_IN, Capability.SEQUENTIAL, Capability.LIST_GENERATION));

    protected SequentialFitted(String name, int numItems, Provenance provenance, Map<String, String> params, ParameterSet weights) {
        super(name, numItems, provenance, params, weights);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /** The trained weights (read-only), for tests that compare the Java forward pass with the training network. */
    ParameterSet parameters() { return weights; }

    @Override
    protected final void score(UserContext user, float[] out) { nextItemLogits(user.history(), out); }

    /** Next-item logits (one per item) after {@code history}, oldest item first. */
    protected abstract void nextItemLogits(int[] history, float[] out);

    /**
     * The {@code beamWidth} best continuations of {@code user}'s history by {@code length} items, best first. Each step
     * appends one item that {@code filter} accepts and that the continuation does not already contain, scored by the
     * log-softmax of the next-item logits; {@code beamWidth = 1} is greedy decoding. Cost: {@code length * beamWidth}
     * forward passes.
     */
    @Override
    public List<Continuation> generate(UserContext user, int length, int beamWidth, ItemFilter filter) {
        if (length < 1) throw new IllegalArgumentException("length must be >= 1, got " + length);
        if (beamWidth < 1) throw new IllegalArgumentException("beamWidth must be >= 1, got " + beamWidth);
        int[] history = user.history();
        for (int item : history)
            if (item < 0 || item >= numItems()) throw new IllegalArgumentException("history item " + item + " out of range [0," + numItems() + ")");
        List<Continuation> beams = List.of(new Continuation(new int[0], 0));
        float[] logits = new float[numItems()];
        for (int step = 0; step < length; step++) {
            List<Continuation> candidates = new ArrayList<>();
            for (Continuation beam : beams) {
                int[] input = Arrays.copyOf(history, history.length + beam.items().length);
                System.arraycopy(beam.items(), 0, input, history.length, beam.items().length);
                nextItemLogits(input, logits);
                double logZ = logSumExp(logits);
                ItemFilter fresh = ItemFilter.excluding(beam.items());
                TopK top = TopK.select(logits, beamWidth, filter.and(fresh));
                for (int r = 0; r < top.size(); r++) {
                    int[] items = Arrays.copyOf(beam.items(), beam.items().length + 1);
                    items[items.length - 1] = top.items()[r];
                    candidates.add(new Continuation(items, beam.logProb() + top.scores()[r] - logZ));
                }
            }
            if (candidates.isEmpty()) break;
            candidates.sort((a, b) -> Double.compare(b.logProb(), a.logProb()));
            beams = List.copyOf(candidates.subList(0, Math.min(beamWidth, candidates.size())));
        }
        return beams;
    }

    private static double logSumExp(float[] x) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) if (v > max) max = v;
        double s = 0;
        for (float v : x) s += Math.exp(v - max);
        return max + Math.log(s);
    }
}
