package io.genrec.eval;

import io.genrec.data.Dataset;

/**
 * Item popularity in the training data for the beyond-accuracy metrics: {@code users(i)} = number of distinct
 * training users who interacted with item i (repeated interactions count once), {@code N} = number of training users
 * with at least one interaction.
 */
final class TrainPopularity {
    private static final double LN2 = Math.log(2);

    private final int[] users;
    private final int activeUsers;
    private final double[] selfInformation;
    private final PopularityBuckets buckets;
    private final double[] profilePopularity;

    TrainPopularity(Dataset train) {
        Dataset.Transpose t = train.itemUsers();
        int[] ptr = t.itemPtr(), userIdx = t.userIdx();
        users = new int[train.numItems()];
        for (int item = 0; item < users.length; item++) {
            int c = 0;
            for (int k = ptr[item]; k < ptr[item + 1]; k++) if (k == ptr[item] || userIdx[k] != userIdx[k - 1]) c++;
            users[item] = c;
        }
        activeUsers = train.numActiveUsers();
        selfInformation = new double[users.length];
        for (int item = 0; item < users.length; item++)
            selfInformation[item] = activeUsers == 0 ? 0 : -Math.log((double) Math.max(users[item], 1) / activeUsers) / LN2;
        buckets = new PopularityBuckets(users);
        // Mean popularity of each user's distinct training items: the profile side of the popularity lift.
        profilePopularity = new double[train.numUsers()];
        int[] uptr = train.userPointers(), items = train.itemIndices();
        ItemMarks seen = new ItemMarks(users.length);
        for (int u = 0; u < profilePopularity.length; u++) {
            seen.clear();
            double sum = 0;
            int c = 0;
            for (int k = uptr[u]; k < uptr[u + 1]; k++) {
                if (!seen.add(items[k])) continue;
                sum += users[items[k]];
                c++;
            }
            profilePopularity[u] = c == 0 ? Double.NaN : sum / c;
        }
    }

    PopularityBuckets buckets() { return buckets; }

    /** Mean {@link #users} of the user's distinct training items; NaN for a user without training items. */
    double profilePopularity(int user) { return profilePopularity[user]; }

    /** Distinct training users of {@code item}. */
    int users(int item) { return users[item]; }

    int activeUsers() { return activeUsers; }

    /**
     * -log2 p(i) with p(i) = users(i) / N (Zhou et al. 2010, "Solving the apparent diversity-accuracy dilemma of
     * recommender systems"). An item no training user saw gets users(i) = 1, i.e. log2 N, the largest finite value,
     * instead of infinity.
     */
    double selfInformation(int item) { return selfInformation[item]; }
}
