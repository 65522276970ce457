package io.genrec.experiment;

import io.genrec.data.Dataset;
import io.genrec.data.prep.Preprocessing;
import io.genrec.split.Split;

import java.util.Locale;
import java.util.Map;

/**
 * Degenerate data is an error, not a table of NaN: data that the positives threshold or the k-core filter left empty,
 * and a split without test users, stop the run before any fitting with the counts before and after each step and
 * the options that keep more data.
 */
public final class DataChecks {
    private DataChecks() { }

    /**
     * Throws when {@code filtered} (what {@code raw} became under {@code threshold} and the k-cores) has no
     * interactions, giving the users, items and interactions before the filters, after the threshold and after the
     * k-core, and the hints {@code --implicit none} / {@code --k-core 0} for the steps that removed data.
     */
    public static void requireInteractions(String source, Dataset raw, Dataset filtered, Float threshold, int userCore, int itemCore) {
        if (filtered.numInteractions() > 0) return;
        StringBuilder sb = new StringBuilder("no interactions left in " + source + " after preprocessing: loaded " + counts(raw));
        Dataset afterThreshold = raw;
        if (threshold != null) {
            // recomputed only on this error path, to say which step emptied the data
            afterThreshold = new Preprocessing(threshold, 0, 0, Preprocessing.DuplicatePolicy.KEEP_ALL).apply(raw);
            sb.append("; after keeping values >= ").append(threshold).append(" as positives: ").append(counts(afterThreshold));
        }
        if (userCore > 0 || itemCore > 0) sb.append("; after the ").append(userCore).append('/').append(itemCore).append("-core filter: ").append(counts(filtered));
        sb.append(". To keep more: ");
        boolean hinted = false;
        if (userCore > 0 || itemCore > 0) {
            sb.append("--k-core 0 (no k-core filter) or a smaller K");
            hinted = true;
        }
        if (threshold != null) sb.append(hinted ? ", " : "").append("--implicit none (every interaction is a positive) or a lower threshold");
        else if (!hinted) sb.append("check the data spec (nothing was filtered: the data itself is empty)");
        throw new IllegalArgumentException(sb.toString());
    }

    /**
     * Throws when the split has no test users: no user met the protocol's requirements (e.g. leave-one-out's
     * {@code min-interactions}), naming the data's size and the options that change it.
     */
    public static void requireTestUsers(Split split, Dataset data, Map<String, String> protocolParams) {
        requireTestUsers(split, () -> data, protocolParams);
    }

    /** The same with the data built only for the error message (a pre-split source's union of all its parts). */
    public static void requireTestUsers(Split split, java.util.function.Supplier<Dataset> data, Map<String, String> protocolParams) {
        if (split.test().evaluatedUsers().length > 0) return;
        throw new IllegalArgumentException("split " + split.description() + " has no test users: no user of the data (" + counts(data.get())
                + ") meets its requirements" + (protocolParams.isEmpty() ? "" : " with --protocol-param " + protocolParams)
                + ". To evaluate: relax the protocol's parameters (e.g. min-interactions), or keep more data with --k-core 0 or"
                + " --implicit none");
    }

    static String counts(Dataset d) {
        return String.format(Locale.ROOT, "%d users, %d items, %d interactions", activeUsers(d), activeItems(d), d.numInteractions());
    }

    /** Users with at least one interaction (a k-core of 0 keeps empty rows in the id map). */
    private static int activeUsers(Dataset d) {
        int[] ptr = d.userPointers();
        int n = 0;
        for (int u = 0; u < d.numUsers(); u++) if (ptr[u + 1] > ptr[u]) n++;
        return n;
    }

    private static int activeItems(Dataset d) {
        int n = 0;
        for (int c : d.itemPopularity()) if (c > 0) n++;
        return n;
    }
}
