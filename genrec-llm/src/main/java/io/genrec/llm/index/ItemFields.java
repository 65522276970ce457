package io.genrec.llm.index;

import io.genrec.data.Item;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Filterable metadata stored next to a vector in {@link LuceneHnswIndex}: categories (exact terms) and numeric
 * attributes such as year or price.
 */
public record ItemFields(List<String> categories, Map<String, Double> numbers) {
    public static final ItemFields NONE = new ItemFields(List.of(), Map.of());

    public ItemFields {
        categories = categories == null ? List.of() : List.copyOf(categories);
        numbers = numbers == null ? Map.of() : Map.copyOf(numbers);
        for (var e : numbers.entrySet())
            if (!Double.isFinite(e.getValue())) throw new IllegalArgumentException("numeric field '" + e.getKey() + "' is " + e.getValue());
    }

    /** An item's categories and those of its attributes that parse as finite numbers (year, price, ...). */
    public static ItemFields of(Item item) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (var e : item.attributes().entrySet()) {
            try {
                double v = Double.parseDouble(e.getValue().trim());
                if (Double.isFinite(v)) numbers.put(e.getKey(), v);
            } catch (NumberFormatException notNumeric) {
                // a text attribute (brand, colour): not range-filterable, so not indexed as a number
            }
        }
        return new ItemFields(item.categories(), numbers);
    }
}
