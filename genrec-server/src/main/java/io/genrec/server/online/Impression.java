package io.genrec.server.online;

import java.util.List;

/**
 * One list shown to a user under an experiment.
 *
 * @param id         unique impression id
 * @param arm        the A/B arm (a model name), or {@link #INTERLEAVED} for a team-draft slate
 * @param items      the shown items, in display order
 * @param teams      per position, the arm (model name) that contributed the item
 * @param timestamp  epoch ms when it was served
 */
public record Impression(String id, String experiment, String user, String arm, long timestamp, List<String> items, List<String> teams) {
    public static final String INTERLEAVED = "interleaved";

    public Impression {
        items = List.copyOf(items);
        teams = List.copyOf(teams);
        if (items.size() != teams.size()) throw new IllegalArgumentException("impression " + id + ": " + items.size() + " items but " + teams.size() + " teams");
    }

    /** Position of {@code item} in the slate, or -1. */
    public int position(String item) {
        return items.indexOf(item);
    }
}
