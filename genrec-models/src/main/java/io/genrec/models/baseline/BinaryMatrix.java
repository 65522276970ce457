package io.genrec.models.baseline;

import io.genrec.data.Dataset;

import java.util.Arrays;

/**
 * The binary user–item matrix of a training set (1 where the user interacted with the item at least once; repeats and
 * values are ignored), in both orientations as primitive CSR: item-major from {@link Dataset#itemUsers()} with
 * duplicate users dropped, and user-major with each user's distinct items ascending. The classic baselines all work
 * on this matrix, so it is built once here. Public and serializable for distributed fits of these models (genrec-spark
 * broadcasts it); its accessors stay package-private.
 */
public final class BinaryMatrix implements java.io.Serializable {
    private final int numUsers;
    private final int numItems;
    private final int[] itemPtr;
    private final int[] itemUsers;
    private final int[] userPtr;
    private final int[] userItems;

    private BinaryMatrix(int numUsers, int numItems, int[] itemPtr, int[] itemUsers, int[] userPtr, int[] userItems) {
        this.numUsers = numUsers;
        this.numItems = numItems;
        this.itemPtr = itemPtr;
        this.itemUsers = itemUsers;
        this.userPtr = userPtr;
        this.userItems = userItems;
    }

    public static BinaryMatrix of(Dataset data) {
        int numItems = data.numItems(), numUsers = data.numUsers();
        Dataset.Transpose t = data.itemUsers();
        int[] srcPtr = t.itemPtr(), srcUsers = t.userIdx();
        // Users of an item are ascending in the transpose, so duplicates are adjacent.
        int[] itemPtr = new int[numItems + 1];
        int[] itemUsers = new int[srcUsers.length];
        int o = 0;
        for (int j = 0; j < numItems; j++) {
            int last = -1;
            for (int k = srcPtr[j]; k < srcPtr[j + 1]; k++) {
                int u = srcUsers[k];
                if (u != last) itemUsers[o++] = u;
                last = u;
            }
            itemPtr[j + 1] = o;
        }
        itemUsers = Arrays.copyOf(itemUsers, o);
        // Transposing the deduplicated item-major matrix gives each user's items in ascending order.
        int[] userPtr = new int[numUsers + 1];
        for (int u : itemUsers) userPtr[u + 1]++;
        for (int u = 0; u < numUsers; u++) userPtr[u + 1] += userPtr[u];
        int[] next = Arrays.copyOf(userPtr, numUsers);
        int[] userItems = new int[o];
        for (int j = 0; j < numItems; j++)
            for (int k = itemPtr[j]; k < itemPtr[j + 1]; k++) userItems[next[itemUsers[k]]++] = j;
        return new BinaryMatrix(numUsers, numItems, itemPtr, itemUsers, userPtr, userItems);
    }

    /**
     * The summed values of each (user, item) pair, aligned with the user-major entries ({@link #userItems()}), for
     * the weighted variants; a negative or NaN value is an error naming {@code model}, the user and the item.
     */
    static float[] summedValues(Dataset data, BinaryMatrix x, String model) {
        int[] ptr = x.userPointers(), items = x.userItems();
        float[] out = new float[items.length];
        double[] sum = new double[x.numItems()];
        for (int u = 0; u < x.numUsers(); u++) {
            int[] it = data.itemsOf(u);
            float[] v = data.valuesOf(u);
            for (int k = 0; k < it.length; k++) {
                if (!(v[k] >= 0))
                    throw new IllegalArgumentException(model + ": weighting by interaction values needs values >= 0, but user '"
                            + data.userIds().externalId(u) + "' has " + v[k] + " for item '" + data.itemIds().externalId(it[k])
                            + "'; use the unweighted model or --implicit T");
                sum[it[k]] += v[k];
            }
            for (int m = ptr[u]; m < ptr[u + 1]; m++) {
                out[m] = (float) sum[items[m]];
                sum[items[m]] = 0;
            }
        }
        return out;
    }

    /** Per-entry values of the user-major order reordered item-major: an item's users are ascending, as visited. */
    float[] itemMajor(float[] userMajor) {
        int[] next = Arrays.copyOf(itemPtr, numItems);
        float[] out = new float[userMajor.length];
        for (int u = 0; u < numUsers; u++)
            for (int m = userPtr[u]; m < userPtr[u + 1]; m++) out[next[userItems[m]]++] = userMajor[m];
        return out;
    }

    int numUsers() { return numUsers; }
    int numItems() { return numItems; }
    int numEntries() { return userItems.length; }

    /** Distinct users per item. Shared, do not modify. */
    int[] itemPointers() { return itemPtr; }
    int[] itemUsers() { return itemUsers; }
    /** Distinct items per user, ascending. Shared, do not modify. */
    int[] userPointers() { return userPtr; }
    int[] userItems() { return userItems; }

    /** Number of distinct users of item {@code j}. */
    int itemDegree(int j) { return itemPtr[j + 1] - itemPtr[j]; }

    /**
     * Row {@code i} of the item co-occurrence matrix XᵀX: adds to {@code counts[j]} the number of users who have both
     * {@code i} and {@code j} (including {@code j == i}), and lists each item whose count became non-zero in
     * {@code touched}. Returns the number of touched items. {@code counts} must be all zero on entry; the caller
     * resets the touched entries after use, so one buffer serves all rows in O(touched) per row.
     */
    int coOccurrences(int i, int[] counts, int[] touched) {
        int n = 0;
        for (int k = itemPtr[i]; k < itemPtr[i + 1]; k++) {
            int u = itemUsers[k];
            for (int m = userPtr[u]; m < userPtr[u + 1]; m++) {
                int j = userItems[m];
                if (counts[j]++ == 0) touched[n++] = j;
            }
        }
        return n;
    }
}
