package io.genrec.llm.guard;

/** One entry of a model's ranking answer as parsed, before grounding: a candidate index or a title. */
public sealed interface AnswerEntry {
    /** The model named a candidate by its prompt index. */
    record ByIndex(long index) implements AnswerEntry { }

    /** The model named an item by (something like) its title. */
    record ByTitle(String title) implements AnswerEntry { }

    /**
     * A list line that starts with a number followed by text ("3: Heat", "2001: A Space Odyssey"): the number if it
     * is a valid candidate index, otherwise the whole text as a title.
     */
    record IndexOrTitle(long index, String title) implements AnswerEntry { }
}
