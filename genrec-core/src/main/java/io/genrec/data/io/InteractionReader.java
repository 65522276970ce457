package io.genrec.data.io;

import io.genrec.data.Dataset;

/**
 * Reads (user, item, value, time) records from a {@link RecordReader} into a {@link Dataset.Builder}; the rating
 * loaders (MovieLens formats, generic CSV/TSV) share it. Consecutive rows of the same user skip the id lookup.
 *
 * @param layout  the expected record layout, quoted in "missing field" errors (e.g. "userId,movieId,rating,timestamp")
 * @param user    column of the user id
 * @param item    column of the item id
 * @param value   column of the value, or -1 for 1 (implicit)
 * @param time    column of the timestamp, or -1 for 0 (unknown: ties keep file order)
 */
record InteractionReader(String layout, int user, int item, int value, int time,
                         String userName, String itemName, String valueName, String timeName) {

    InteractionReader(String layout, int user, int item, int value, int time) {
        this(layout, user, item, value, time, "user", "item", "rating", "timestamp");
    }

    /** Reads every remaining record of {@code in} into {@code out}; returns the number of interactions read. */
    long readAll(RecordReader in, Dataset.Builder out) { return readAll(in, out, rec -> { }); }

    /** The same, first passing the first record to {@code firstRecordCheck} (which may throw). */
    long readAll(RecordReader in, Dataset.Builder out, java.util.function.Consumer<String[]> firstRecordCheck) {
        String lastUser = null;
        int lastUserIdx = -1;
        long count = 0;
        String[] rec;
        while ((rec = in.next()) != null) {
            if (count == 0) firstRecordCheck.accept(rec);
            String u = in.id(rec, user, userName, layout);
            String i = in.id(rec, item, itemName, layout);
            float v = value < 0 ? 1f : in.floatField(rec, value, valueName, layout);
            long t = time < 0 ? 0L : in.longField(rec, time, timeName, layout);
            if (!u.equals(lastUser)) {
                lastUser = u;
                lastUserIdx = out.user(u);
            }
            out.addIndexed(lastUserIdx, out.item(i), v, t);
            count++;
        }
        return count;
    }

    /** Capacity hint for a builder: the source's line count minus header lines, at least 16. */
    static int capacityFor(Source s, int headerLines) {
        long n = s.countLines() - headerLines;
        return (int) Math.max(16, Math.min(Integer.MAX_VALUE - 8, n));
    }
}
