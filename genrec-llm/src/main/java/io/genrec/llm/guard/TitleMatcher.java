package io.genrec.llm.guard;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the candidate a free-text title refers to. Titles are normalised (accents removed, lower case, punctuation to
 * spaces, MovieLens-style "Matrix, The" read as "the matrix") and compared in three forms (as given, without a
 * trailing "(1995)" year, without any parenthesised part such as an original-language title) by normalised Levenshtein
 * similarity {@code 1 - distance / max(length)}; the best candidate at or above the threshold wins (ties: the lower
 * index). A fuzzy match also needs the same number tokens ("2", "III") outside the year, because a sequel is a
 * different item one character away. A model's decoration ("Heat (1995) - a great heist film") is handled by also
 * trying the text before each dash or colon, longest first. Thresholds and rules are measured in
 * {@code docs/results/llm-title-grounding.md}.
 */
public final class TitleMatcher {
    /** Default minimum similarity (see the benchmark: recovers most one-typo titles, rejects random non-candidates). */
    public static final double DEFAULT_THRESHOLD = 0.85;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern YEAR = Pattern.compile("\\s*\\((?:19|20)\\d\\d\\)\\s*$");
    private static final Pattern PARENS = Pattern.compile("\\s*\\([^)]*\\)");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (the|a|an|la|le|les|il|el|der|die|das)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DECORATION = Pattern.compile("\\s+[-–—:]\\s+|:\\s+");
    private static final Pattern NUMBER_TOKEN = Pattern.compile("\\d+|ii|iii|iv|v|vi|vii|viii|ix|x");

    private final double threshold;
    private final Forms[] candidates;

    /** A title's normalised forms and its number tokens. */
    private record Forms(String full, String noYear, String noParens, String numbers) {
        static Forms of(String title) {
            String noYear = YEAR.matcher(title).replaceFirst("");
            String noYearNorm = normalise(noYear);
            return new Forms(normalise(title), noYearNorm, normalise(PARENS.matcher(title).replaceAll("")), TitleMatcher.numbers(noYearNorm));
        }
    }

    public TitleMatcher(List<RankingCandidate> candidates, double threshold) {
        this.threshold = threshold;
        this.candidates = new Forms[candidates.size()];
        for (int i = 0; i < this.candidates.length; i++) this.candidates[i] = Forms.of(candidates.get(i).title());
    }

    /** The index of the candidate {@code title} names, or -1. */
    public int match(String title) {
        int best = bestMatch(title);
        if (best >= 0) return best;
        List<Integer> cuts = new ArrayList<>();
        Matcher m = DECORATION.matcher(title);
        while (m.find()) cuts.add(m.start());
        for (int c = cuts.size() - 1; c >= 0; c--) {
            String prefix = title.substring(0, cuts.get(c));
            if (prefix.isBlank()) continue;
            best = bestMatch(prefix);
            if (best >= 0) return best;
        }
        return -1;
    }

    private int bestMatch(String title) {
        Forms q = Forms.of(title);
        if (q.full().isEmpty()) return -1;
        int best = -1;
        double bestSim = threshold;
        for (int i = 0; i < candidates.length; i++) {
            Forms c = candidates[i];
            if (c.full().isEmpty()) continue;
            double sim = Math.max(similarity(q.full(), c.full()),
                    Math.max(similarity(q.noYear(), c.noYear()), similarity(q.noParens(), c.noParens())));
            if (sim < 1.0 && !q.numbers().equals(c.numbers())) continue;
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
        return NON_ALNUM.matcher((t + year).toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The number tokens (digits, roman numerals II–X) of a normalised title, space separated. */
    static String numbers(String normalised) {
        StringBuilder sb = new StringBuilder();
        for (String w : normalised.split(" ")) {
            if (NUMBER_TOKEN.matcher(w).matches()) sb.append(Integer.toString(romanOrInt(w))).append(' ');
        }
        return sb.toString();
    }

    private static int romanOrInt(String w) {
        if (Character.isDigit(w.charAt(0))) {
            try {
                return Integer.parseInt(w);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return switch (w) {
            case "ii" -> 2; case "iii" -> 3; case "iv" -> 4; case "v" -> 5; case "vi" -> 6;
            case "vii" -> 7; case "viii" -> 8; case "ix" -> 9; default -> 10;
        };
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
