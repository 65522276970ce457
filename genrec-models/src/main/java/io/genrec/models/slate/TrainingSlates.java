package io.genrec.models.slate;

import io.genrec.data.Dataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthesises List-CVAE training examples from implicit feedback: for a user, a slate of K distinct items in which m
 * random positions hold distinct items drawn from the user's history (response 1) and the others hold distinct items
 * drawn uniformly from the items the user never interacted with (response 0), m uniform in 0..min(K, n - 1) for a
 * history of n distinct items (so at least one history item is left for the context whenever n > K or m < n), and
 * the context weights: 1/|rest| on each history item not placed in the slate. Only users with a history are rows.
 * Not thread safe (scratch buffers); one instance serves one fit.
 */
final class TrainingSlates {
    private final int[] userPtr;
    private final int[] sortedItems;
    private final int[] activeUsers;
    private final int numItems;
    private final int k;
    private final int[] scratch;

    TrainingSlates(Dataset train, int k) {
        if (k > train.numItems())
            throw new IllegalArgumentException("slate_size " + k + " exceeds the " + train.numItems() + " items of '" + train.name() + "'");
        this.k = k;
        numItems = train.numItems();
        userPtr = new int[train.numUsers() + 1];
        int[] all = new int[train.numInteractions()];
        int n = 0, active = 0, longest = 0;
        for (int u = 0; u < train.numUsers(); u++) {
            int[] items = train.itemsOf(u);
            Arrays.sort(items);
            int start = n;
            for (int j = 0; j < items.length; j++) if (j == 0 || items[j] != items[j - 1]) all[n++] = items[j];
            userPtr[u + 1] = n;
            if (n > start) active++;
            longest = Math.max(longest, n - start);
        }
        sortedItems = Arrays.copyOf(all, n);
        activeUsers = new int[active];
        active = 0;
        for (int u = 0; u < train.numUsers(); u++) if (userPtr[u + 1] > userPtr[u]) activeUsers[active++] = u;
        scratch = new int[Math.max(longest, k)];
    }

    int numActiveUsers() { return activeUsers.length; }

    int activeUser(int index) { return activeUsers[index]; }

    int slateSize() { return k; }

    /**
     * Fills row {@code row} of {@code slates} ({@code [rows, K]}), {@code responses} ({@code [rows, K]}) and
     * {@code context} ({@code [rows, numItems]}, must be zero in that row) for {@code user}.
     */
    void sample(int user, SplittableRandom rng, int row, int[] slates, float[] responses, float[] context) {
        int from = userPtr[user], n = userPtr[user + 1] - from;
        int unseen = numItems - n;
        int maxPositives = Math.min(k, Math.max(0, n - 1));
        int m = rng.nextInt(maxPositives + 1);
        if (k - m > unseen) m = k - unseen; // too few unseen items: fill with more positives
        // Partial Fisher-Yates over the history: the first m entries of scratch are the positives.
        System.arraycopy(sortedItems, from, scratch, 0, n);
        for (int j = 0; j < m; j++) {
            int pick = j + rng.nextInt(n - j);
            int t = scratch[j]; scratch[j] = scratch[pick]; scratch[pick] = t;
        }
        int base = row * k;
        for (int p = 0; p < k; p++) slates[base + p] = -1;
        for (int j = 0; j < m; j++) {
            int pos;
            do pos = rng.nextInt(k); while (slates[base + pos] >= 0);
            slates[base + pos] = scratch[j];
            responses[base + pos] = 1f;
        }
        for (int p = 0; p < k; p++) {
            if (slates[base + p] >= 0) continue;
            int item;
            do item = rng.nextInt(numItems);
            while (Arrays.binarySearch(sortedItems, from, from + n, item) >= 0 || inSlate(slates, base, item));
            slates[base + p] = item;
            responses[base + p] = 0f;
        }
        if (n > m) {
            float w = 1f / (n - m);
            long ctxBase = (long) row * numItems;
            for (int j = m; j < n; j++) context[(int) (ctxBase + scratch[j])] = w;
        }
    }

    private boolean inSlate(int[] slates, int base, int item) {
        for (int p = 0; p < k; p++) if (slates[base + p] == item) return true;
        return false;
    }
}
