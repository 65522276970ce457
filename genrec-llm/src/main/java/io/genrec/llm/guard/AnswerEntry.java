package io.genrec.llm.guard;

/** One entry of a model's ranking answer as parsed, before grounding: a candidate index or a title. */
public sealed interface AnswerEntry {
    /** The model named a candidate by its prompt index. */
    record ByIndex(long index) implements AnswerEntry { }

    /** The model named an item by (something like) its title. */
    record ByTitle(String title) implements AnswerEntry { }
}
