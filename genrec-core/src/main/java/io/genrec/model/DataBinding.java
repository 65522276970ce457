package io.genrec.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.prep.Preprocessing;
import io.genrec.util.SafeWrites;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a saved model's dense ids mean: the data spec, the preprocessing that turned the loaded data into the model's
 * id space, the content hash of that preprocessed data (before any split), and the external user and item ids in
 * dense-id order. Stored as {@value #FILE} beside the model's own files, so a loaded model is only ever used on the
 * data it was fitted on ({@link #check}).
 *
 * @param dataSpec   the {@code --data} spec as given (relative paths are relative to where the model was saved from)
 * @param implicit   the {@code --implicit} setting ({@code auto|none|T})
 * @param threshold  the positives threshold it resolved to, or null (all values kept)
 * @param duplicates the duplicate policy ({@link Preprocessing.DuplicatePolicy} name)
 * @param coreBefore the k-core counted only interactions before this time (temporal protocol), or null (all)
 * @param split      the split the model was fitted on ({@code protocol(params, seed)}), or how it was fitted otherwise
 */
public record DataBinding(int formatVersion, String dataSpec, String implicit, Float threshold, int userCore, int itemCore,
                          String duplicates, Long coreBefore, String dataHash, String split, List<String> users, List<String> items) {
    public static final String FILE = "data.json";
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The binding of a model fitted on (a split of) {@code data}, which is the preprocessed data before splitting. */
    public static DataBinding of(String dataSpec, String implicit, Preprocessing prep, Dataset data, String split) {
        return of(dataSpec, implicit, prep, data.contentHash(), data.userIds(), data.itemIds(), split);
    }

    /** The same from the data's content hash and id maps, for data that is hashed without being built. */
    public static DataBinding of(String dataSpec, String implicit, Preprocessing prep, String dataHash, IdMap users, IdMap items, String split) {
        return new DataBinding(FORMAT_VERSION, dataSpec, implicit, prep.implicitThreshold(), prep.userCore(), prep.itemCore(),
                prep.duplicates().name(), prep.coreBefore(), dataHash, split, users.externalIds(), items.externalIds());
    }

    /** The preprocessing to re-apply to freshly loaded data. */
    public Preprocessing preprocessing() {
        return new Preprocessing(threshold, userCore, itemCore, Preprocessing.DuplicatePolicy.valueOf(duplicates), coreBefore);
    }

    /** Re-applies the stored preprocessing to the loaded (unpreprocessed) data. */
    public Dataset reapply(Dataset loaded) {
        Preprocessing p = preprocessing();
        return p.equals(Preprocessing.NONE) ? loaded : p.apply(loaded);
    }

    /**
     * Refuses {@code data} unless it is the data the model was fitted on: the same content hash and the same user and
     * item ids in the same order. The error names both hashes, or the first differing id.
     */
    public void check(Dataset data, Path archive) {
        String ids = firstDifference("item", items, data.itemIds());
        if (ids == null) ids = firstDifference("user", users, data.userIds());
        if (!dataHash.equals(data.contentHash()) || ids != null)
            throw new IllegalArgumentException("the model in " + archive + " was fitted on other data: its data hash is " + dataHash
                    + ", the data given (" + data.name() + ", " + preprocessing().description() + ") hashes to " + data.contentHash()
                    + (ids == null ? "" : "; " + ids) + ". Pass the data it was saved with (--data " + dataSpec + ")");
    }

    private static String firstDifference(String what, List<String> stored, IdMap given) {
        int n = Math.min(stored.size(), given.size());
        for (int i = 0; i < n; i++)
            if (!stored.get(i).equals(given.externalId(i)))
                return "first differing " + what + " id at position " + i + ": '" + stored.get(i) + "' in the model, '" + given.externalId(i) + "' in the data";
        if (stored.size() != given.size())
            return "the model has " + stored.size() + " " + what + "s, the data " + given.size();
        return null;
    }

    /**
     * Saves {@code model} with this binding to {@code dir}, atomically; an existing directory is replaced only if it
     * is an earlier GenRec model ({@link SafeWrites}).
     */
    public void save(FittedRecommender model, Path dir) throws IOException {
        SafeWrites.writeDirectory(dir, SafeWrites.MODEL, tmp -> {
            model.save(tmp);
            JSON.writeValue(tmp.resolve(FILE).toFile(), this);
        });
    }

    /** The binding saved with a model, or null when the archive has none (saved by a library call without data). */
    public static DataBinding read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) return null;
        DataBinding b = JSON.readValue(file.toFile(), DataBinding.class);
        if (b.formatVersion() != FORMAT_VERSION)
            throw new DataFormatException(file, 0, "formatVersion", "unsupported format version " + b.formatVersion() + ", this GenRec reads " + FORMAT_VERSION);
        if (b.dataHash() == null || b.users() == null || b.items() == null || b.duplicates() == null)
            throw new DataFormatException(file, 0, null, "incomplete data binding (dataHash, users, items and duplicates are required)");
        return b;
    }
}
