package io.genrec.split;

import io.genrec.data.Dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Random datasets for property tests, and the loop that runs a check over many of them. The iteration count is
 * scaled by the system property {@code genrec.test.multiplier} (default 1); a failure names the dataset seed so it
 * can be replayed with {@link #generate(long, Shape)}.
 */
final class RandomDatasets {
    private RandomDatasets() { }

    /** Size and shape limits of generated datasets. */
    record Shape(int minUsers, int maxUsers, int maxItems, int maxPerUser, boolean unique) {
        static final Shape SMALL = new Shape(1, 30, 25, 20, true);
        static final Shape WITH_DUPLICATES = new Shape(1, 30, 10, 20, false);
        static final Shape MANY_USERS = new Shape(12, 60, 30, 20, true);
    }

    static int iterations(int base) {
        return base * Integer.getInteger("genrec.test.multiplier", 1);
    }

    /**
     * Runs {@code check} on {@code iterations(base)} random datasets; the dataset seed is also a good splitter seed
     * and is passed via {@link Case}.
     */
    static void forEach(String property, int base, Shape shape, Consumer<Case> check) {
        long master = property.hashCode();
        for (int it = 0; it < iterations(base); it++) {
            long seed = master * 1_000_003L + it;
            Dataset data = generate(seed, shape);
            try {
                check.accept(new Case(data, seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(property + " failed for dataset seed " + seed + " (" + shape + ", " + data + "): "
                        + e.getMessage(), e);
            }
        }
    }

    record Case(Dataset data, long seed) { }

    /**
     * A dataset with users "u0".., items "i0".., ratings 1..5 and timestamps either spread out (mostly distinct) or
     * from a tiny range (many ties), in shuffled input order. Some users have no interactions.
     */
    static Dataset generate(long seed, Shape shape) {
        Random rnd = new Random(seed);
        int numUsers = shape.minUsers() + rnd.nextInt(shape.maxUsers() - shape.minUsers() + 1);
        int numItems = 1 + rnd.nextInt(shape.maxItems());
        long timeRange = rnd.nextBoolean() ? 1_000_000 : 1 + rnd.nextInt(5);
        List<String[]> rows = new ArrayList<>();
        for (int u = 0; u < numUsers; u++) {
            int n = rnd.nextInt(shape.maxPerUser() + 1);
            if (shape.unique()) n = Math.min(n, numItems);
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < numItems; i++) pool.add(i);
            Collections.shuffle(pool, rnd);
            for (int k = 0; k < n; k++) {
                int item = shape.unique() ? pool.get(k) : rnd.nextInt(numItems);
                long time = (long) (rnd.nextDouble() * timeRange);
                rows.add(new String[] {"u" + u, "i" + item, Integer.toString(1 + rnd.nextInt(5)), Long.toString(time)});
            }
        }
        Collections.shuffle(rows, rnd);
        Dataset.Builder b = new Dataset.Builder("random-" + seed);
        for (int u = 0; u < numUsers; u++) b.user("u" + u);
        for (int i = 0; i < numItems; i++) b.item("i" + i);
        for (String[] r : rows) b.add(r[0], r[1], Float.parseFloat(r[2]), Long.parseLong(r[3]));
        return b.build();
    }
}
