package io.genrec.llm.guard;

import java.util.List;

/**
 * One item the model may rank, as shown to it: the candidate's position is its index in the prompt, {@code item} is
 * the dense GenRec id it grounds to.
 */
public record RankingCandidate(int item, String title, List<String> categories, String description) {
    public RankingCandidate {
        title = title == null ? "" : title;
        categories = categories == null ? List.of() : List.copyOf(categories);
        description = description == null ? "" : description;
    }
}
