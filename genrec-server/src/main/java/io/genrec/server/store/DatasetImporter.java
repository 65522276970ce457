package io.genrec.server.store;

import io.genrec.data.Dataset;
import io.genrec.data.IdMap;
import io.genrec.data.Item;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bulk-loads a {@link Dataset} into an {@link EventStore}: every interaction becomes an event whose idempotency key is
 * derived from its content, so loading the same data twice stores nothing the second time, and every catalogue item
 * is upserted.
 *
 * <p>Key: the first 128 bits of SHA-256 over (source, user, item, time, value, occurrence), where occurrence counts
 * earlier identical (item, time, value) interactions of the same user, so genuine repeats in a file stay separate
 * events while a re-import of the file maps onto the same keys. The dataset keeps a user's ties in input order, which
 * makes the occurrence numbers deterministic.
 */
public final class DatasetImporter {
    /** What an import did. */
    public record Result(long read, long stored, long duplicates, int items, String type) { }

    /** Called after each batch with events done so far and the total. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private DatasetImporter() { }

    /** The event type an import uses when none is given: {@code rating} when the values vary, else {@code interaction}. */
    public static String defaultType(Dataset d) {
        for (float v : d.values()) if (v != 1f) return "rating";
        return "interaction";
    }

    /**
     * Appends every interaction of {@code d} as an event of {@code type} (batches of {@code batchSize}, one
     * transaction each) and upserts every catalogue item.
     *
     * @param source names where the data came from; it is part of each key, so the same data under the same source
     *               is stored once
     */
    public static Result importInto(EventStore store, Dataset d, String source, String type, int batchSize, Progress progress) {
        Objects.requireNonNull(store, "store");
        if (source == null || source.isBlank()) throw new IllegalArgumentException("import source must be a non-empty name");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        // checks the type as every event will, before anything is written
        new Event("u", "i", type, null, 0, null);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        HexFormat hex = HexFormat.of();
        byte[] sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        IdMap users = d.userIds(), items = d.itemIds();
        int[] ptr = d.userPointers(), itemIdx = d.itemIndices();
        float[] values = d.values();
        long[] times = d.timestamps();
        long total = d.numInteractions(), read = 0, stored = 0, duplicates = 0;
        List<Event> batch = new ArrayList<>(Math.min(batchSize, (int) Math.max(1, total)));
        Map<Occurrence, Integer> seen = new HashMap<>();
        for (int u = 0; u < d.numUsers(); u++) {
            String user = users.externalId(u);
            byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
            seen.clear();
            for (int k = ptr[u]; k < ptr[u + 1]; k++) {
                String item = items.externalId(itemIdx[k]);
                float v = values.length == 0 ? 1f : values[k];
                long t = times.length == 0 ? 0 : times[k];
                int occurrence = seen.merge(new Occurrence(itemIdx[k], t, v), 1, Integer::sum) - 1;
                sha.update(sourceBytes);
                sha.update((byte) 0);
                sha.update(userBytes);
                sha.update((byte) 0);
                sha.update(item.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update((t + "\0" + Float.toString(v) + "\0" + occurrence).getBytes(StandardCharsets.UTF_8));
                String key = "imp:" + hex.formatHex(sha.digest(), 0, 16);
                batch.add(new Event(user, item, type, (double) v, t, key));
                if (batch.size() == batchSize) {
                    AppendResult r = store.append(batch);
                    stored += r.stored();
                    duplicates += r.duplicates();
                    read += batch.size();
                    batch.clear();
                    if (progress != null) progress.update(read, total);
                }
            }
        }
        if (!batch.isEmpty()) {
            AppendResult r = store.append(batch);
            stored += r.stored();
            duplicates += r.duplicates();
            read += batch.size();
            if (progress != null) progress.update(read, total);
        }
        List<Item> catalogue = new ArrayList<>(d.numItems());
        for (int i = 0; i < d.numItems(); i++) catalogue.add(d.catalog().get(i));
        store.upsertItems(catalogue);
        return new Result(read, stored, duplicates, catalogue.size(), type);
    }

    private record Occurrence(int item, long time, float value) { }
}
