package io.genrec.model;

import io.genrec.data.Dataset;

/**
 * What a recommender knows about one request: the dense user id ({@code -1} for a user unseen at training time), the
 * time-ordered item history (oldest first), the matching timestamps (may be empty), and optional free text (a query
 * or a chat message, used by the language paths; empty when absent), and the matching interaction values (ratings,
 * play counts; may be empty, meaning 1 each) for the models that weight by them.
 */
public record UserContext(int user, int[] history, long[] times, String text, float[] values) {
    public UserContext {
        if (history == null) throw new IllegalArgumentException("history must not be null (use an empty array)");
        times = times == null ? new long[0] : times;
        text = text == null ? "" : text;
        values = values == null ? new float[0] : values;
        if (times.length != 0 && times.length != history.length)
            throw new IllegalArgumentException("times has " + times.length + " entries, history " + history.length);
        if (values.length != 0 && values.length != history.length)
            throw new IllegalArgumentException("values has " + values.length + " entries, history " + history.length);
    }

    /** Without interaction values (each counts 1). */
    public UserContext(int user, int[] history, long[] times, String text) { this(user, history, times, text, null); }

    /** The user's full history in {@code data}, with its values. */
    public static UserContext of(Dataset data, int user) {
        return new UserContext(user, data.itemsOf(user), data.timesOf(user), "", data.valuesOf(user));
    }

    /** The value of history entry {@code k}: 1 when no values were given. */
    public float value(int k) { return values.length == 0 ? 1f : values[k]; }

    /** An anonymous request from a history alone. */
    public static UserContext ofHistory(int... history) { return new UserContext(-1, history, new long[0], ""); }

    /** A text-only request (search, cold-start chat). */
    public static UserContext ofText(String text) { return new UserContext(-1, new int[0], new long[0], text); }
}
