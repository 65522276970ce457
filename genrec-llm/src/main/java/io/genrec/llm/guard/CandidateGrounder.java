package io.genrec.llm.guard;

import java.util.BitSet;
import java.util.List;

/**
 * Turns a model's answer into a ranking of real candidates. Each parsed entry maps to a candidate by index (preferred)
 * or by title ({@link TitleMatcher}); entries that map to nothing are counted as hallucinated and dropped, repeats are
 * dropped, an answer that repeats the instructions is discarded whole ({@link InstructionLeakCheck}). The list is then
 * completed from the candidates' own order (the fallback ranking) so the caller always gets {@code k} items.
 */
public final class CandidateGrounder {
    private final double titleThreshold;
    private final InstructionLeakCheck leakCheck;

    public CandidateGrounder(double titleThreshold, String instructions) {
        this.titleThreshold = titleThreshold;
        this.leakCheck = new InstructionLeakCheck(instructions);
    }

    public CandidateGrounder() { this(TitleMatcher.DEFAULT_THRESHOLD, PromptBuilder.SYSTEM_PROMPT); }

    /** Grounds {@code answer} against {@code candidates} (in fallback order) and returns {@code min(k, size)} items. */
    public GroundedRanking ground(String answer, List<RankingCandidate> candidates, int k) {
        if (leakCheck.leaks(answer))
            return fallback(candidates, k, "LLM answer repeated its instructions (discarded); used fallback ranking");
        List<AnswerEntry> entries = RankingAnswerParser.parse(answer);
        int n = Math.min(k, candidates.size());
        int[] out = new int[n];
        BitSet placed = new BitSet(candidates.size());
        TitleMatcher titles = null;
        int size = 0, hallucinated = 0, duplicates = 0;
        for (AnswerEntry e : entries) {
            int idx = switch (e) {
                case AnswerEntry.ByIndex(long i) -> validIndex(i, candidates.size());
                case AnswerEntry.ByTitle(String t) -> (titles = titles(titles, candidates)).match(t);
                case AnswerEntry.IndexOrTitle(long i, String t) -> validIndex(i, candidates.size()) >= 0
                        ? validIndex(i, candidates.size()) : (titles = titles(titles, candidates)).match(t);
            };
            if (idx < 0) { hallucinated++; continue; }
            if (placed.get(idx)) { duplicates++; continue; }
            if (size == n) continue;
            placed.set(idx);
            out[size++] = candidates.get(idx).item();
        }
        int fromModel = size;
        for (int i = 0; i < candidates.size() && size < n; i++) {
            if (!placed.get(i)) out[size++] = candidates.get(i).item();
        }
        boolean usedFallback = fromModel < n;
        String warning = "";
        if (entries.isEmpty()) warning = "LLM answer had no readable ranking; used fallback ranking";
        else if (hallucinated > 0) warning = "LLM answer named " + hallucinated + " item(s) that are not candidates (dropped)"
                + (usedFallback ? "; completed from fallback ranking" : "");
        else if (fromModel == 0) warning = "LLM answer named no candidate; used fallback ranking";
        return new GroundedRanking(out, fromModel, hallucinated, duplicates, usedFallback, warning);
    }

    private static int validIndex(long i, int size) { return i >= 0 && i < size ? (int) i : -1; }

    private TitleMatcher titles(TitleMatcher existing, List<RankingCandidate> candidates) {
        return existing != null ? existing : new TitleMatcher(candidates, titleThreshold);
    }

    /** The candidates' own order, with a warning; for when the model could not be asked or its answer is unusable. */
    public static GroundedRanking fallback(List<RankingCandidate> candidates, int k, String warning) {
        int n = Math.min(k, candidates.size());
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = candidates.get(i).item();
        return new GroundedRanking(out, 0, 0, 0, true, warning);
    }
}
