package io.genrec.llm.guard;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds the candidate a free-text title refers to. Titles are normalised (accents removed, lower case, punctuation to
 * spaces, a trailing "(1995)" year optional, MovieLens-style "Matrix, The" read as "the matrix"), then compared by
 * normalised Levenshtein similarity {@code 1 - distance / max(length)}; the best candidate at or above the threshold
 * wins (ties: the lower index). A model's decoration ("Heat (1995) - a great heist film") is tried without the part
 * after the first dash or colon as well.
 */
public final class TitleMatcher {
    /** Default minimum similarity: tolerates a typo or two in a typical title, not a different film. */
    public static final double DEFAULT_THRESHOLD = 0.85;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern YEAR = Pattern.compile("\\s*\\((?:19|20)\\d\\d\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (the|a|an|la|le|les|il|el|der|die|das)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECORATION = Pattern.compile("\\s+[-–—:]\\s+|\\s*\\((?!(?:19|20)\\d\\d\\))");

    private final double threshold;
    private final String[] full;
    private final String[] noYear;

    public TitleMatcher(List<RankingCandidate> candidates, double threshold) {
        this.threshold = threshold;
        full = new String[candidates.size()];
        noYear = new String[candidates.size()];
        for (int i = 0; i < full.length; i++) {
            String t = candidates.get(i).title();
            full[i] = normalise(t);
            noYear[i] = normalise(YEAR.matcher(t).replaceFirst(""));
        }
    }

    /** The index of the candidate {@code title} names, or -1. */
    public int match(String title) {
        int best = bestMatch(title);
        if (best >= 0) return best;
        String[] parts = DECORATION.split(title, 2);
        return parts.length == 2 && !parts[0].isBlank() ? bestMatch(parts[0]) : -1;
    }

    private int bestMatch(String title) {
        String q = normalise(title);
        String qNoYear = normalise(YEAR.matcher(title).replaceFirst(""));
        if (q.isEmpty()) return -1;
        int best = -1;
        double bestSim = threshold;
        for (int i = 0; i < full.length; i++) {
            if (full[i].isEmpty()) continue;
            double sim = Math.max(similarity(q, full[i]), similarity(qNoYear, noYear[i]));
            if (sim > bestSim || (sim == bestSim && best < 0)) {
                bestSim = sim;
                best = i;
            }
        }
        return best;
    }

    /** Lower case, accents removed, punctuation as single spaces, "X, The" as "the x". */
    public static String normalise(String s) {
        String t = Normalizer.normalize(s.strip(), Normalizer.Form.NFKD);
        t = MARKS.matcher(t).replaceAll("");
        String year = "";
        var y = YEAR.matcher(t);
        if (y.find()) {
            year = t.substring(y.start());
            t = t.substring(0, y.start());
        }
        var a = TRAILING_ARTICLE.matcher(t.strip());
        if (a.matches()) t = a.group(2) + " " + a.group(1);
        return NON_ALNUM.matcher((t + year).toLowerCase(java.util.Locale.ROOT)).replaceAll(" ").strip();
    }

    /** {@code 1 - levenshtein(a, b) / max(|a|, |b|)}; 1 for two empty strings. */
    public static double similarity(String a, String b) {
        int max = Math.max(a.length(), b.length());
        return max == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / max;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (ca == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
