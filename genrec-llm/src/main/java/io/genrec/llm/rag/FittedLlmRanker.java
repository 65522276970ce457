package io.genrec.llm.rag;

import io.genrec.llm.guard.CandidateGrounder;
import io.genrec.llm.guard.GroundedRanking;
import io.genrec.llm.guard.RankingCandidate;
import io.genrec.model.Capability;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemFilter;
import io.genrec.model.TopK;
import io.genrec.model.UserContext;
import io.genrec.model.WarningSource;
import io.genrec.provenance.Provenance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A fitted LLM re-ranker: the base model scores every item, its best unseen candidates are re-ordered by the LLM
 * ({@link LlmReranker}) and lifted above all other items in the LLM's order; every other item keeps its base score, so
 * the full ranking stays complete and finite wherever the base's is. When the LLM is missing or fails, the scores are
 * the base's own order and {@link #lastWarning()} (per calling thread) or the {@link #onWarning} listener (every
 * thread) says why. Thread safe.
 */
public final class FittedLlmRanker implements FittedRecommender, WarningSource {
    private final String name;
    private final FittedRecommender base;
    private final LlmReranker reranker;
    private final int candidates;
    private final Provenance provenance;
    private final ThreadLocal<String> lastWarning = ThreadLocal.withInitial(() -> "");
    private volatile Consumer<String> warningListener = w -> { };

    FittedLlmRanker(String name, FittedRecommender base, LlmReranker reranker, int candidates, Provenance provenance) {
        this.name = name;
        this.base = base;
        this.reranker = reranker;
        this.candidates = candidates;
        this.provenance = provenance;
    }

    @Override
    public String name() { return name; }

    @Override
    public int numItems() { return base.numItems(); }

    /** The model that proposes candidates. */
    public FittedRecommender base() { return base; }

    /** Whether an LLM endpoint is configured (it may still fail per request). */
    public boolean llmConfigured() { return reranker.hasClient(); }

    /** The endpoint and model in use ("model at url"), or "none". */
    public String describeLlm() { return reranker.describeClient(); }

    @Override
    public void scoreAll(UserContext user, float[] out) {
        checkBuffer(out);
        rerankInto(user, out, ItemFilter.excluding(user.history()), candidates);
    }

    @Override
    public TopK recommend(UserContext user, int k, ItemFilter filter) { return recommendWithReport(user, k, filter).top(); }

    /**
     * The best {@code k} items passing {@code filter}, with the grounding report (how many entries came from the LLM,
     * how many were hallucinated, the warning). The entry point for the CLI and the server.
     */
    public RankedRecommendation recommendWithReport(UserContext user, int k, ItemFilter filter) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        if (k == 0) return new RankedRecommendation(new TopK(new int[0], new float[0]), CandidateGrounder.fallback(List.of(), 0, ""));
        float[] scores = new float[numItems()];
        GroundedRanking g = rerankInto(user, scores, filter, Math.max(candidates, k));
        return new RankedRecommendation(TopK.select(scores, k, filter), g);
    }

    /** The warning of the most recent request on the calling thread; empty when it went well. */
    @Override
    public Optional<String> lastWarning() {
        String w = lastWarning.get();
        return w.isEmpty() ? Optional.empty() : Optional.of(w);
    }

    /** Called with every non-empty warning (e.g. the CLI prints it once); replaces the previous listener. */
    public void onWarning(Consumer<String> listener) { this.warningListener = listener == null ? w -> { } : listener; }

    private GroundedRanking rerankInto(UserContext user, float[] out, ItemFilter candidateFilter, int n) {
        base.scoreAll(user, out);
        TopK top = TopK.select(out, n, candidateFilter);
        List<RankingCandidate> cands = new ArrayList<>(top.size());
        for (int item : top.items()) cands.add(reranker.candidate(item));
        GroundedRanking g = reranker.rerank(user, cands, n);
        liftAbove(out, g.items());
        lastWarning.set(g.warning());
        if (g.hasWarning()) warningListener.accept(g.warning());
        return g;
    }

    /**
     * Gives {@code ranked[r]} the score {@code max + gap·(m - r)} where {@code max} is the best finite score and
     * {@code gap = max(|max|, 1) / 1024}: strictly above every other item, distinct in float precision, finite.
     */
    static void liftAbove(float[] out, int[] ranked) {
        float max = Float.NEGATIVE_INFINITY;
        for (float s : out) if (s > max && s != Float.POSITIVE_INFINITY) max = s;
        if (max == Float.NEGATIVE_INFINITY) max = 0f;
        float gap = Math.max(Math.abs(max), 1f) / 1024f;
        int m = ranked.length;
        for (int r = 0; r < m; r++) out[ranked[r]] = max + gap * (m - r);
    }

    @Override
    public Provenance provenance() { return provenance; }

    static final Set<Capability> CAPABILITIES = java.util.Collections.unmodifiableSet(
            EnumSet.of(Capability.FOLD_IN, Capability.TEXT_QUERY, Capability.LIST_GENERATION));

    @Override
    public Set<Capability> capabilities() { return CAPABILITIES; }
}
