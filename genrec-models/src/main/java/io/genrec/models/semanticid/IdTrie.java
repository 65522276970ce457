package io.genrec.models.semanticid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A prefix tree over semantic IDs: which tokens may follow a prefix, and which item a complete ID names. Decoding
 * that only ever extends a prefix with {@link #next} tokens can only end on a real item's ID. Prefixes are packed
 * into one {@code long} (base {@code codebookSize + 1}), which holds IDs of up to 7 tokens of 256 codes. Immutable.
 */
public final class IdTrie {
    private final Map<Long, int[]> children;
    private final Map<Long, Integer> items;
    private final int codebookSize, levels;

    private IdTrie(Map<Long, int[]> children, Map<Long, Integer> items, int codebookSize, int levels) {
        this.children = children;
        this.items = items;
        this.codebookSize = codebookSize;
        this.levels = levels;
    }

    /** The trie of {@code ids} (item {@code i} has ID {@code ids[i]}; IDs distinct, of equal length). */
    public static IdTrie of(int[][] ids, int codebookSize) {
        int levels = ids.length == 0 ? 0 : ids[0].length;
        if (Math.pow(codebookSize + 1, levels) >= Long.MAX_VALUE / 2)
            throw new IllegalArgumentException(levels + " tokens of " + codebookSize + " codes do not fit the trie's packed prefixes");
        Map<Long, java.util.TreeSet<Integer>> kids = new HashMap<>();
        Map<Long, Integer> items = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].length != levels) throw new IllegalArgumentException("item " + i + " has an ID of " + ids[i].length + " tokens, expected " + levels);
            long key = 0;
            for (int t : ids[i]) {
                kids.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(t);
                key = extend(key, t, codebookSize);
            }
            Integer prev = items.put(key, i);
            if (prev != null) throw new IllegalArgumentException("items " + prev + " and " + i + " have the same ID " + Arrays.toString(ids[i]));
        }
        Map<Long, int[]> children = new HashMap<>();
        kids.forEach((k, v) -> children.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return new IdTrie(children, items, codebookSize, levels);
    }

    /** The packed key of the empty prefix. */
    public static long root() { return 0; }

    /** The key of {@code prefix} followed by {@code token}. */
    public long extend(long prefix, int token) { return extend(prefix, token, codebookSize); }

    private static long extend(long prefix, int token, int codebookSize) {
        if (token < 0 || token >= codebookSize) throw new IllegalArgumentException("token " + token + " outside [0," + codebookSize + ")");
        return prefix * (codebookSize + 1) + token + 1;
    }

    /** Tokens that may follow {@code prefix}, ascending (shared; do not modify); empty after a complete ID or a dead prefix. */
    public int[] next(long prefix) { return children.getOrDefault(prefix, EMPTY); }

    /** The item a complete ID names, or -1. */
    public int item(long id) { return items.getOrDefault(id, -1); }

    /** Tokens per ID. */
    public int levels() { return levels; }

    private static final int[] EMPTY = new int[0];
}
