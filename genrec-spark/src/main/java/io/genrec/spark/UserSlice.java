package io.genrec.spark;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.ItemCatalog;
import io.genrec.data.UserTable;
import io.genrec.split.EvalSet;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The evaluation data of a contiguous run of evaluated users (ascending dense ids): their history, targets and
 * excluded items as compact columns, so a Spark task carries only its own users' rows. {@link #evalSet} rebuilds an
 * {@link EvalSet} over the full id maps in which only these users have rows.
 */
final class UserSlice implements Serializable {
    private static final long serialVersionUID = 1L;

    final int index;
    final int[] users;
    private final Rows history;
    private final Rows targets;
    /** null when the excluded items are the history (the usual case). */
    private final Rows excluded;

    private record Rows(int[] user, int[] item, float[] value, long[] time) implements Serializable {
        static Rows of(Dataset d, int[] users) {
            int[] ptr = d.userPointers();
            int n = 0;
            for (int u : users) n += ptr[u + 1] - ptr[u];
            int[] uu = new int[n], ii = new int[n];
            float[] vv = new float[n];
            long[] tt = new long[n];
            int[] items = d.itemIndices();
            float[] values = d.values();
            long[] times = d.timestamps();
            int k = 0;
            for (int u : users) {
                for (int j = ptr[u]; j < ptr[u + 1]; j++, k++) {
                    uu[k] = u; ii[k] = items[j]; vv[k] = values[j]; tt[k] = times[j];
                }
            }
            return new Rows(uu, ii, vv, tt);
        }

        Dataset dataset(String name, IdMap userIds, IdMap itemIds) {
            return Dataset.fromColumns(name, userIds, itemIds, ItemCatalog.bare(itemIds), UserTable.empty(userIds.size()),
                    user.length, user, item, value, time);
        }
    }

    private UserSlice(int index, int[] users, Rows history, Rows targets, Rows excluded) {
        this.index = index;
        this.users = users;
        this.history = history;
        this.targets = targets;
        this.excluded = excluded;
    }

    /** Slice {@code index} of {@code set}, holding {@code users}. */
    static UserSlice of(int index, EvalSet set, int[] users) {
        return new UserSlice(index, users.clone(), Rows.of(set.history(), users), Rows.of(set.targets(), users),
                set.excluded() == set.history() ? null : Rows.of(set.excluded(), users));
    }

    /** {@code users} cut into about {@code parts} contiguous runs, each at least one user. */
    static int[][] cut(int[] users, int parts) {
        int p = Math.max(1, Math.min(parts, users.length));
        int[][] out = new int[p][];
        for (int s = 0; s < p; s++) {
            int from = (int) ((long) users.length * s / p), to = (int) ((long) users.length * (s + 1) / p);
            out[s] = Arrays.copyOfRange(users, from, to);
        }
        return out;
    }

    EvalSet evalSet(String name, IdMap userIds, IdMap itemIds) {
        Dataset h = history.dataset(name + "/history", userIds, itemIds);
        Dataset t = targets.dataset(name + "/targets", userIds, itemIds);
        Dataset x = excluded == null ? null : excluded.dataset(name + "/excluded", userIds, itemIds);
        return new EvalSet(name, h, t, x);
    }
}
