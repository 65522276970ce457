package io.genrec.models.semanticid;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The semantic ID of every item: its tokenizer codes plus one disambiguation token, as in TIGER (Rajput et al.,
 * NeurIPS 2023), so that two items whose codes collide still get distinct IDs. The last token numbers the items that
 * share the same codes, in item order (0 for the first). IDs are {@code levels() = tokenizer levels + 1} tokens,
 * each below {@link #codebookSize()}; a group of colliding items larger than the codebook is an error.
 */
public final class SemanticIds {
    private final int[][] ids;
    private final int codebookSize;
    private final Map<String, Integer> groupSizes;

    private SemanticIds(int[][] ids, int codebookSize, Map<String, Integer> groupSizes) {
        this.ids = ids;
        this.codebookSize = codebookSize;
        this.groupSizes = groupSizes;
    }

    /** Appends the disambiguation token to each item's {@code codes} (all of equal length, each below {@code codebookSize}). */
    public static SemanticIds of(int[][] codes, int codebookSize) {
        SemanticIds s = new SemanticIds(new int[0][], codebookSize, new HashMap<>());
        return s.withItems(codes);
    }

    /** These IDs plus new items' {@code codes} (numbered after the existing items): how cold-start items get an ID. */
    public SemanticIds withItems(int[][] codes) {
        Map<String, Integer> groups = new HashMap<>(groupSizes);
        int[][] out = Arrays.copyOf(ids, ids.length + codes.length);
        int levels = ids.length > 0 ? ids[0].length - 1 : codes.length > 0 ? codes[0].length : 0;
        for (int i = 0; i < codes.length; i++) {
            int[] c = codes[i];
            if (c.length != levels) throw new IllegalArgumentException("item " + (ids.length + i) + " has " + c.length + " codes, expected " + levels);
            for (int t : c)
                if (t < 0 || t >= codebookSize) throw new IllegalArgumentException("item " + (ids.length + i) + ": code " + t + " outside [0," + codebookSize + ")");
            String key = Arrays.toString(c);
            int n = groups.getOrDefault(key, 0);
            if (n >= codebookSize)
                throw new IllegalArgumentException("more than " + codebookSize + " items share codes " + key + "; no disambiguation token left (use more levels or a larger codebook)");
            groups.put(key, n + 1);
            out[ids.length + i] = Arrays.copyOf(c, levels + 1);
            out[ids.length + i][levels] = n;
        }
        return new SemanticIds(out, codebookSize, groups);
    }

    public int numItems() { return ids.length; }

    /** Tokens per ID, the disambiguation token included. */
    public int levels() { return ids.length == 0 ? 0 : ids[0].length; }

    public int codebookSize() { return codebookSize; }

    /** Item {@code item}'s ID (a copy). */
    public int[] id(int item) { return ids[item].clone(); }

    /** The trie of all IDs, for constrained decoding. */
    public IdTrie trie() { return IdTrie.of(ids, codebookSize); }

    /**
     * Quality of the IDs: codebook usage per tokenizer level, the share of items whose codes collide with another
     * item's (before the disambiguation token), the largest colliding group, and how well prefixes keep content
     * similarity: for each sampled item, whether its nearest neighbour by cosine of {@code embeddings} shares its
     * first token and first two tokens, next to the same share for a random other item.
     */
    public Report report(float[][] embeddings, int sample, long seed) {
        int n = ids.length, levels = levels() - 1;
        double[] usage = new double[levels];
        for (int l = 0; l < levels; l++) {
            java.util.BitSet used = new java.util.BitSet();
            for (int[] id : ids) used.set(id[l]);
            usage[l] = used.cardinality() / (double) codebookSize;
        }
        int collided = 0, maxGroup = 0;
        for (int[] id : ids) {
            int g = groupSizes.get(Arrays.toString(Arrays.copyOf(id, levels)));
            if (g > 1) collided++;
            maxGroup = Math.max(maxGroup, g);
        }
        java.util.Random rng = new java.util.Random(seed);
        int m = Math.min(sample, n), nn1 = 0, nn2 = 0, r1 = 0, r2 = 0;
        for (int s = 0; s < m; s++) {
            int i = m == n ? s : rng.nextInt(n), best = -1;
            double bestSim = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double sim = cosine(embeddings[i], embeddings[j]);
                if (sim > bestSim) { bestSim = sim; best = j; }
            }
            int other = rng.nextInt(n - 1);
            if (other >= i) other++;
            if (shared(ids[i], ids[best]) >= 1) nn1++;
            if (shared(ids[i], ids[best]) >= 2) nn2++;
            if (shared(ids[i], ids[other]) >= 1) r1++;
            if (shared(ids[i], ids[other]) >= 2) r2++;
        }
        return new Report(n, usage, collided / (double) n, maxGroup, m, nn1 / (double) m, nn2 / (double) m, r1 / (double) m, r2 / (double) m);
    }

    /**
     * @param codebookUsage    per tokenizer level, the fraction of codes used by at least one item
     * @param collisionRate    fraction of items whose tokenizer codes equal another item's
     * @param largestGroup     most items sharing one code tuple
     * @param neighbourPrefix1 fraction of sampled items whose nearest text neighbour shares the first token
     * @param neighbourPrefix2 ... shares the first two tokens
     * @param randomPrefix1    the same fractions for a random other item (the chance level)
     */
    public record Report(int items, double[] codebookUsage, double collisionRate, int largestGroup, int sampled,
                         double neighbourPrefix1, double neighbourPrefix2, double randomPrefix1, double randomPrefix2) { }

    private static int shared(int[] a, int[] b) {
        int k = 0;
        while (k < a.length && a[k] == b[k]) k++;
        return k;
    }

    private static double cosine(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int j = 0; j < a.length; j++) { ab += a[j] * b[j]; aa += a[j] * a[j]; bb += b[j] * b[j]; }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
