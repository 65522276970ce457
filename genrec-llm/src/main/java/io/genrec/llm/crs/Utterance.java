package io.genrec.llm.crs;

/** One message of a conversation, by the seeker (the user) or the recommender. */
public record Utterance(boolean seeker, String text) {
    public Utterance { text = text == null ? "" : text; }

    public static Utterance user(String text) { return new Utterance(true, text); }

    public static Utterance recommender(String text) { return new Utterance(false, text); }
}
