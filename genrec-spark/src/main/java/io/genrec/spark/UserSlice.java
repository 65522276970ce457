package io.genrec.spark;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.ItemCatalog;
import io.genrec.data.UserTable;
import io.genrec.split.EvalSet;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /**
     * {@code users} cut into contiguous runs of about equal row counts (history, targets and separate exclusions): about
     * {@code parts} runs (fewer only with fewer users), more when a run would exceed {@code maxRows}. Every run
     * holds at least one user; a user with more than {@code maxRows} rows is a run of its own.
     */
    static int[][] cut(EvalSet set, int[] users, int parts, long maxRows) {
        long[] rows = new long[users.length];
        long total = 0;
        for (int k = 0; k < users.length; k++) {
            int u = users[k];
            rows[k] = set.history().historyLength(u) + set.targets().historyLength(u)
                    + (set.excluded() == set.history() ? 0 : set.excluded().historyLength(u));
            total += rows[k];
        }
        long wanted = Math.max(parts, (total + maxRows - 1) / maxRows);
        long target = Math.max(1, (total + wanted - 1) / wanted);
        List<int[]> out = new ArrayList<>();
        int from = 0;
        long acc = 0;
        for (int k = 0; k < users.length; k++) {
            if (k > from && acc + rows[k] > target) {
                out.add(Arrays.copyOfRange(users, from, k));
                from = k;
                acc = 0;
            }
            acc += rows[k];
        }
        if (from < users.length) out.add(Arrays.copyOfRange(users, from, users.length));
        return out.toArray(new int[0][]);
    }

    EvalSet evalSet(String name, IdMap userIds, IdMap itemIds) {
        Dataset h = history.dataset(name + "/history", userIds, itemIds);
        Dataset t = targets.dataset(name + "/targets", userIds, itemIds);
        Dataset x = excluded == null ? null : excluded.dataset(name + "/excluded", userIds, itemIds);
        return new EvalSet(name, h, t, x);
    }
}
