package io.genrec.llm.index;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which vectors a {@link LuceneHnswIndex} search may return: items having any of {@code anyCategory} (empty = no
 * category condition), every numeric field inside its inclusive {@link Range}, and id not in {@code excludedIds}
 * (e.g. the items a user has already seen). Applied by Lucene before the graph search, so {@code k} results come
 * back whenever {@code k} items pass.
 */
public record MetadataFilter(Set<String> anyCategory, Map<String, Range> ranges, int[] excludedIds) {
    public static final MetadataFilter NONE = new MetadataFilter(Set.of(), Map.of(), new int[0]);

    /** An inclusive numeric range; use infinities for open ends. */
    public record Range(double min, double max) {
        public Range {
            if (Double.isNaN(min) || Double.isNaN(max) || min > max) throw new IllegalArgumentException("bad range [" + min + ", " + max + "]");
        }

        public boolean contains(double v) { return v >= min && v <= max; }
    }

    public MetadataFilter {
        anyCategory = anyCategory == null ? Set.of() : Set.copyOf(anyCategory);
        ranges = ranges == null ? Map.of() : Map.copyOf(ranges);
        excludedIds = excludedIds == null ? new int[0] : excludedIds.clone();
    }

    public MetadataFilter withCategories(String... categories) {
        return new MetadataFilter(Set.of(categories), ranges, excludedIds);
    }

    public MetadataFilter withRange(String field, double min, double max) {
        Map<String, Range> r = new LinkedHashMap<>(ranges);
        r.put(field, new Range(min, max));
        return new MetadataFilter(anyCategory, r, excludedIds);
    }

    public MetadataFilter excluding(int... ids) { return new MetadataFilter(anyCategory, ranges, ids); }

    /** Whether an item with these fields and id passes; the plain-Java meaning of the Lucene query (tests use it as oracle). */
    public boolean accepts(int id, ItemFields fields) {
        for (int x : excludedIds) if (x == id) return false;
        if (!anyCategory.isEmpty() && fields.categories().stream().noneMatch(anyCategory::contains)) return false;
        for (var e : ranges.entrySet()) {
            Double v = fields.numbers().get(e.getKey());
            if (v == null || !e.getValue().contains(v)) return false;
        }
        return true;
    }
}
