package io.genrec.llm.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@link ExplanationFacts} with fixed sentences, e.g. "Recommended because you liked Heat (1995) and Ronin
 * (1998). It shares Action, Crime with 3 of the 4 items in your history. Common themes: heist, crew." Deterministic and
 * grounded by construction; the default explainer.
 */
public final class TemplateExplainer implements Explainer {
    private final ExplanationFactFinder facts;

    public TemplateExplainer(ExplanationFactFinder facts) { this.facts = facts; }

    public ExplanationFactFinder factFinder() { return facts; }

    @Override
    public Explanation explain(int[] history, int item) {
        ExplanationFacts f = facts.facts(history, item);
        return new Explanation(render(f), Explanation.Source.TEMPLATE, f, "");
    }

    /** The sentences for {@code f}. */
    public static String render(ExplanationFacts f) {
        List<String> sentences = new ArrayList<>();
        if (!f.similarItems().isEmpty()) {
            List<String> titles = new ArrayList<>();
            for (var s : f.similarItems()) titles.add(s.title());
            sentences.add("Recommended because you liked " + joinAnd(titles) + ".");
        }
        if (!f.sharedCategories().isEmpty()) {
            sentences.add("It shares " + String.join(", ", f.sharedCategories()) + " with " + f.categoryHistoryCount()
                    + " of the " + f.historySize() + " items in your history.");
        }
        if (!f.sharedTerms().isEmpty()) sentences.add("Common themes: " + String.join(", ", f.sharedTerms()) + ".");
        if (sentences.isEmpty()) sentences.add("Nothing in your history overlaps with " + f.title() + "; it was ranked by the model alone.");
        return String.join(" ", sentences);
    }

    static String joinAnd(List<String> xs) {
        if (xs.size() <= 1) return String.join("", xs);
        return String.join(", ", xs.subList(0, xs.size() - 1)) + " and " + xs.getLast();
    }
}
