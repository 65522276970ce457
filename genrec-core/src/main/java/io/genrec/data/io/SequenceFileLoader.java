package io.genrec.data.io;

import io.genrec.data.Dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Loads one interaction sequence per line, {@code user item item ...} separated by spaces or tabs, as in the
 * P5/TIGER Amazon 5-core files ({@code user_sequence.txt}). The timestamp of an item is its position in the line
 * (0, 1, 2, ...), so each user's time order is the file order; values are 1. A user on two lines is an error.
 */
public final class SequenceFileLoader {
    private static final String LAYOUT = "user item item ...";

    private SequenceFileLoader() { }

    public static Dataset load(Path file) { return load(Source.file(file), defaultName(file)); }

    public static Dataset load(Source source, String name) {
        Dataset.Builder b = new Dataset.Builder(name);
        try (RecordReader in = RecordReader.whitespace(source, StandardCharsets.UTF_8)) {
            String[] rec;
            while ((rec = in.next()) != null) {
                String user = in.id(rec, 0, "user", LAYOUT);
                if (rec.length < 2) throw in.error("item", "missing: the line has a user id but no items, expected " + LAYOUT);
                if (b.userIndex(user) >= 0) throw in.bad("user", user, "each user on one line only (this user appeared on an earlier line)");
                int u = b.user(user);
                for (int k = 1; k < rec.length; k++) b.addIndexed(u, b.item(rec[k]), 1f, k - 1);
            }
        }
        return b.build();
    }

    /** "Beauty/user_sequence" for .../Beauty/user_sequence.txt: the folder usually names the data set. */
    static String defaultName(Path file) {
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path parent = file.toAbsolutePath().getParent();
        return parent == null || parent.getFileName() == null ? stem : parent.getFileName() + "/" + stem;
    }
}
