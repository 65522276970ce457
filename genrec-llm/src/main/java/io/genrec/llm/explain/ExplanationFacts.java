package io.genrec.llm.explain;

import java.util.List;

/**
 * What a user's history and a recommended item verifiably have in common; the only material an explanation may use.
 *
 * @param item              dense id of the recommended item
 * @param title             its title
 * @param sharedCategories  the item's categories that also occur in the history, most frequent in the history first
 * @param categoryHistoryCount how many history items share at least one category with the item
 * @param historySize       number of distinct items in the history
 * @param sharedTerms       content words of the item's title and text that also occur in history items, most frequent first
 * @param similarItems      history items most similar by category Jaccard, best first
 */
public record ExplanationFacts(int item, String title, List<String> sharedCategories, int categoryHistoryCount,
                               int historySize, List<String> sharedTerms, List<SimilarItem> similarItems) {
    public ExplanationFacts {
        sharedCategories = List.copyOf(sharedCategories);
        sharedTerms = List.copyOf(sharedTerms);
        similarItems = List.copyOf(similarItems);
    }

    /** A liked item and its category overlap with the recommended one. */
    public record SimilarItem(int item, String title, double jaccard, List<String> commonCategories) {
        public SimilarItem {
            commonCategories = List.copyOf(commonCategories);
        }
    }

    /** True when nothing links the item to the history. */
    public boolean isEmpty() { return sharedCategories.isEmpty() && sharedTerms.isEmpty() && similarItems.isEmpty(); }
}
