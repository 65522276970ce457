package io.genrec.data;

import java.util.List;
import java.util.Map;

/**
 * Item metadata. {@code text} holds free-text fields by name (description, tags, review snippets) for the language
 * paths; {@code attributes} holds structured values (year, brand, price) as strings.
 */
public record Item(String id, String title, List<String> categories, Map<String, String> text,
                   Map<String, String> attributes) {
    public Item {
        if (id == null) throw new IllegalArgumentException("item id must not be null");
        title = title == null ? "" : title;
        categories = categories == null ? List.of() : List.copyOf(categories);
        text = text == null ? Map.of() : Map.copyOf(text);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** An item known only by its id. */
    public static Item bare(String id) { return new Item(id, "", List.of(), Map.of(), Map.of()); }
}
