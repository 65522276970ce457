package io.genrec.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable bijection between external string ids and dense {@code int} ids {@code 0..size()-1}. Ids are mapped once,
 * at load; every hot path after that works on the dense ints.
 */
public final class IdMap {
    private final String[] external;
    private final Map<String, Integer> index;

    private IdMap(String[] external, Map<String, Integer> index) {
        this.external = external;
        this.index = index;
    }

    /** Builds a map whose dense id is the position in {@code ids}; duplicates are rejected naming the id. */
    public static IdMap of(List<String> ids) {
        String[] ext = ids.toArray(new String[0]);
        Map<String, Integer> idx = new HashMap<>(ext.length * 2);
        for (int i = 0; i < ext.length; i++) {
            if (ext[i] == null) throw new IllegalArgumentException("null id at position " + i);
            if (idx.putIfAbsent(ext[i], i) != null) throw new IllegalArgumentException("duplicate id '" + ext[i] + "'");
        }
        return new IdMap(ext, idx);
    }

    public int size() { return external.length; }

    /** Dense id, or -1 when unknown. */
    public int indexOf(String externalId) {
        Integer i = index.get(externalId);
        return i == null ? -1 : i;
    }

    /** Dense id; an unknown id is an error naming it and {@code what} ("user", "item"). */
    public int require(String externalId, String what) {
        int i = indexOf(externalId);
        if (i < 0) throw new IllegalArgumentException("unknown " + what + " id '" + externalId + "'");
        return i;
    }

    public String externalId(int dense) { return external[dense]; }

    public List<String> externalIds() { return Arrays.asList(external.clone()); }

    /** Grows an id map in first-seen order. Not thread safe. */
    public static final class Builder {
        private final Map<String, Integer> index = new HashMap<>();
        private String[] external = new String[16];
        private int size;

        public int getOrAdd(String id) {
            Integer i = index.get(id);
            if (i != null) return i;
            if (size == external.length) external = Arrays.copyOf(external, size * 2);
            external[size] = id;
            index.put(id, size);
            return size++;
        }

        public int indexOf(String id) {
            Integer i = index.get(id);
            return i == null ? -1 : i;
        }

        public int size() { return size; }

        public IdMap build() { return new IdMap(Arrays.copyOf(external, size), new HashMap<>(index)); }
    }
}
