package io.genrec.eval.robustness;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.UserTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Data poisoning by fake user profiles that push one target item (shilling attacks; Lam and Riedl 2004, Mobasher
 * et al. 2007 "Toward trustworthy recommender systems", Burke et al. 2005 for bandwagon). Each fake profile holds
 * the target (with the largest value in the data) and {@code filler} other items:
 * <ul>
 *   <li>{@code random}: filler items uniformly at random, values drawn from N(global mean, global sd);</li>
 *   <li>{@code average}: filler items uniformly at random, values from N(the item's mean, global sd);</li>
 *   <li>{@code bandwagon}: the max(1, filler/10) most popular items with the largest value, the rest as random.</li>
 * </ul>
 * Values are clipped to the data's [min, max]. On binarised (implicit) data every value is 1, so random and average
 * profiles differ only by the random draw. Fake users are appended after the real ones ({@code fake-0}, ...; dense ids
 * of real users unchanged), with timestamps after the latest real one. Only the training data is poisoned.
 */
public final class ShillingAttack {
    public enum Type {
        RANDOM, AVERAGE, BANDWAGON;

        public static Type parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown attack '" + s + "'; valid: random, average, bandwagon");
            }
        }

        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    private ShillingAttack() { }

    /** {@code train} with {@code fakeUsers} fake profiles pushing {@code target}; {@code fakeUsers = 0} returns the same interactions. */
    public static Dataset inject(Dataset train, Type type, int target, int fakeUsers, int filler, long seed) {
        if (fakeUsers < 0 || filler < 0) throw new IllegalArgumentException("fake users and filler size must be >= 0, got " + fakeUsers + ", " + filler);
        int numItems = train.numItems();
        if (target < 0 || target >= numItems) throw new IllegalArgumentException("target item index " + target + " out of range [0," + numItems + ")");
        if (filler > numItems - 1) throw new IllegalArgumentException("filler size " + filler + " exceeds the " + (numItems - 1) + " non-target items");
        float[] values = train.values();
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0, ss = 0;
        for (float v : values) { min = Math.min(min, v); max = Math.max(max, v); sum += v; }
        double mean = values.length == 0 ? 1 : sum / values.length;
        for (float v : values) ss += (v - mean) * (v - mean);
        double sd = values.length < 2 ? 0 : Math.sqrt(ss / (values.length - 1));
        if (values.length == 0) { min = 1; max = 1; }
        double[] itemMean = new double[numItems];
        int[] itemCount = new int[numItems];
        int[] idx = train.itemIndices();
        for (int k = 0; k < idx.length; k++) { itemMean[idx[k]] += values[k]; itemCount[idx[k]]++; }
        for (int i = 0; i < numItems; i++) itemMean[i] = itemCount[i] == 0 ? mean : itemMean[i] / itemCount[i];
        int[] byPopularity = popularityOrder(train.itemPopularity(), target);
        long t0 = 0;
        for (long t : train.timestamps()) t0 = Math.max(t0, t);

        int realUsers = train.numUsers(), n = train.numInteractions();
        int total = n + fakeUsers * (filler + 1);
        int[] u = new int[total], it = new int[total];
        float[] v = new float[total];
        long[] ts = new long[total];
        int[] ptr = train.userPointers();
        long[] times = train.timestamps();
        int o = 0;
        for (int user = 0; user < realUsers; user++)
            for (int k = ptr[user]; k < ptr[user + 1]; k++) { u[o] = user; it[o] = idx[k]; v[o] = values[k]; ts[o] = times[k]; o++; }
        SplittableRandom random = new SplittableRandom(seed);
        List<String> ids = new ArrayList<>(train.userIds().externalIds());
        for (int f = 0; f < fakeUsers; f++) {
            int user = realUsers + f;
            ids.add("fake-" + f);
            boolean[] used = new boolean[numItems];
            used[target] = true;
            u[o] = user; it[o] = target; v[o] = (float) max; ts[o] = t0 + 1 + f; o++;
            int selected = type == Type.BANDWAGON ? Math.min(filler, Math.max(1, filler / 10)) : 0;
            for (int s = 0; s < selected; s++) {
                int item = byPopularity[s];
                used[item] = true;
                u[o] = user; it[o] = item; v[o] = (float) max; ts[o] = t0 + 1 + f; o++;
            }
            for (int s = selected; s < filler; s++) {
                int item;
                do item = random.nextInt(numItems); while (used[item]);
                used[item] = true;
                double centre = type == Type.AVERAGE ? itemMean[item] : mean;
                double value = Math.max(min, Math.min(max, centre + sd * gaussian(random)));
                u[o] = user; it[o] = item; v[o] = (float) value; ts[o] = t0 + 1 + f; o++;
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, String>[] attrs = new Map[realUsers + fakeUsers];
        for (int user = 0; user < realUsers; user++) attrs[user] = train.userTable().attributes(user);
        IdMap users = fakeUsers == 0 ? train.userIds() : IdMap.of(ids);
        String name = fakeUsers == 0 ? train.name() : train.name() + "+" + type.key() + "-attack(" + fakeUsers + ")";
        return Dataset.fromColumns(name, users, train.itemIds(), train.catalog(), new UserTable(attrs), o, u, it, v, ts);
    }

    /** Items by training popularity, descending (ties by lower id), without the target. */
    static int[] popularityOrder(int[] popularity, int target) {
        Integer[] order = new Integer[popularity.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> popularity[a] != popularity[b] ? Integer.compare(popularity[b], popularity[a]) : Integer.compare(a, b));
        return Arrays.stream(order).mapToInt(Integer::intValue).filter(i -> i != target).toArray();
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller; one of the pair is enough here.
        double a = 1 - r.nextDouble(), b = r.nextDouble();
        return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
    }
}
