package io.genrec.llm.explain;

import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Extracts {@link ExplanationFacts} for a (history, item) pair from the catalogue: shared categories (counted over the
 * history), shared content words of titles and text fields, and the history items with the highest category Jaccard
 * similarity {@code |A ∩ B| / |A ∪ B|} (ties: the more recent first). Purely from data, so explanations built on it
 * cannot claim what the data does not show.
 */
public final class ExplanationFactFinder {
    private final ItemCatalog catalog;
    private final int maxSimilar;
    private final int maxTerms;

    public ExplanationFactFinder(ItemCatalog catalog, int maxSimilar, int maxTerms) {
        this.catalog = catalog;
        this.maxSimilar = maxSimilar;
        this.maxTerms = maxTerms;
    }

    public ExplanationFactFinder(ItemCatalog catalog) { this(catalog, 2, 5); }

    /** Facts for recommending {@code item} to a user whose history (oldest first) is {@code history}. */
    public ExplanationFacts facts(int[] history, int item) {
        Item target = catalog.get(item);
        Set<String> targetCats = new LinkedHashSet<>(target.categories());
        Set<String> targetTerms = new LinkedHashSet<>(terms(target));
        Map<String, Integer> catCount = new HashMap<>();
        Map<String, Integer> termCount = new HashMap<>();
        List<ExplanationFacts.SimilarItem> similar = new ArrayList<>();
        Map<Integer, Integer> recency = new HashMap<>();
        Set<Integer> seen = new HashSet<>();
        int withCategory = 0;
        for (int pos = history.length - 1; pos >= 0; pos--) {
            int h = history[pos];
            if (h == item || h < 0 || h >= catalog.size() || !seen.add(h)) continue;
            recency.put(h, pos);
            Item it = catalog.get(h);
            List<String> common = new ArrayList<>();
            for (String c : new LinkedHashSet<>(it.categories())) {
                if (targetCats.contains(c)) {
                    common.add(c);
                    catCount.merge(c, 1, Integer::sum);
                }
            }
            if (!common.isEmpty()) withCategory++;
            for (String t : new HashSet<>(terms(it))) if (targetTerms.contains(t)) termCount.merge(t, 1, Integer::sum);
            double jaccard = jaccard(targetCats, new HashSet<>(it.categories()));
            if (jaccard > 0) similar.add(new ExplanationFacts.SimilarItem(h, title(it), jaccard, common));
        }
        similar.sort(Comparator.comparingDouble((ExplanationFacts.SimilarItem s) -> -s.jaccard())
                .thenComparing(s -> -recency.get(s.item())));
        return new ExplanationFacts(item, title(target), ranked(catCount, Integer.MAX_VALUE), withCategory, seen.size(),
                ranked(termCount, maxTerms), similar.subList(0, Math.min(maxSimilar, similar.size())));
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) return 0;
        int inter = 0;
        for (String x : a) if (b.contains(x)) inter++;
        return (double) inter / (a.size() + b.size() - inter);
    }

    private static List<String> terms(Item it) {
        StringBuilder sb = new StringBuilder(it.title());
        for (String v : it.text().values()) sb.append(' ').append(v);
        return Words.contentWords(sb.toString());
    }

    private static String title(Item it) { return it.title().isBlank() ? it.id() : it.title(); }

    /** Keys by count descending, then alphabetically; at most {@code max}. */
    private static List<String> ranked(Map<String, Integer> counts, int max) {
        List<String> keys = new ArrayList<>(counts.keySet());
        keys.sort(Comparator.comparing((String k) -> -counts.get(k)).thenComparing(k -> k));
        return keys.subList(0, Math.min(max, keys.size()));
    }
}
