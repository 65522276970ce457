package io.genrec.data.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Loads interactions from a generic CSV (RFC 4180 quoting), TSV (tab separated, fields literal: a {@code "} is a
 * character, as in Last.fm's {@code "Weird Al" Yankovic}) or JSON-lines file through a {@link Mapping} that says which
 * column holds the user, item, and optionally value and timestamp. Without a value column every value is 1; without
 * a timestamp column every time is 0, so each user's order is the file order.
 */
public final class DelimitedLoader {
    /** The file layout. */
    public enum Format { CSV, TSV, JSONL }

    /**
     * Which columns to read. Columns are header names, or 0-based indices (for files without header, and as a
     * fallback when no header column has that name); for JSONL they are field names.
     *
     * @param rating    value column, or null for 1
     * @param time      timestamp column (an integer), or null for 0
     * @param delimiter field delimiter for CSV/TSV
     * @param header    whether the first line names the columns (ignored for JSONL)
     */
    public record Mapping(Format format, String user, String item, String rating, String time, char delimiter, boolean header) {
        public Mapping {
            if (user == null || item == null) throw new IllegalArgumentException("user and item columns are required");
        }

        /** Defaults: CSV with a header, TSV without; user column 0, item column 1, no value or time. */
        public static Mapping defaults(Format format) {
            return switch (format) {
                case CSV -> new Mapping(format, "0", "1", null, null, ',', true);
                case TSV -> new Mapping(format, "0", "1", null, null, '\t', false);
                case JSONL -> new Mapping(format, "user", "item", null, null, ',', false);
            };
        }

        public Mapping withColumns(String user, String item, String rating, String time) {
            return new Mapping(format, user, item, rating, time, delimiter, header);
        }

        public Mapping withHeader(boolean header) { return new Mapping(format, user, item, rating, time, delimiter, header); }

        public Mapping withDelimiter(char delimiter) { return new Mapping(format, user, item, rating, time, delimiter, header); }
    }

    private DelimitedLoader() { }

    public static Dataset load(Path file, Mapping mapping) {
        String name = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return load(Source.file(file), name, mapping);
    }

    public static Dataset load(Source source, String name, Mapping m) {
        Dataset.Builder b = new Dataset.Builder(name, InteractionReader.capacityFor(source, m.header() ? 1 : 0));
        if (m.format() == Format.JSONL) {
            readJsonLines(source, m, b);
            return b.build();
        }
        try (RecordReader in = m.format() == Format.TSV
                ? RecordReader.separated(source, StandardCharsets.UTF_8, String.valueOf(m.delimiter()))
                : RecordReader.csv(source, StandardCharsets.UTF_8, m.delimiter())) {
            String[] header = null;
            if (m.header()) {
                header = in.next();
                if (header == null) throw new DataFormatException(source.path(), 1, null, "empty file: expected a header line");
            }
            String layout = header == null ? "columns user=" + m.user() + ", item=" + m.item() : String.join(String.valueOf(m.delimiter()), header);
            InteractionReader reader = new InteractionReader(layout, column(in, header, m.user(), "user"), column(in, header, m.item(), "item"),
                    m.rating() == null ? -1 : column(in, header, m.rating(), "rating"),
                    m.time() == null ? -1 : column(in, header, m.time(), "time"),
                    m.user(), m.item(), m.rating(), m.time());
            try {
                reader.readAll(in, b, rec -> {
                    if (!m.header() && reader.user() < rec.length && HEADER_NAMES.contains(rec[reader.user()].strip().toLowerCase(Locale.ROOT)))
                        throw in.bad(m.user(), rec[reader.user()], "a user id; the first line looks like a header (column names): add header=true to the spec");
                });
            } catch (DataFormatException e) {
                // A value or time column that is not a number on line 1 is almost always a header row.
                if (!m.header() && e.line() == 1 && e.field() != null && (e.field().equals(m.rating()) || e.field().equals(m.time())))
                    throw e.withHint("if the first line names the columns, add header=true to the spec");
                throw e;
            }
        }
        return b.build();
    }

    /** User column names that mark a first line as a header (compared in lower case). */
    private static final Set<String> HEADER_NAMES = Set.of("user", "userid", "user_id", "uid", "users", "user id");

    /** Header name, else 0-based index. */
    private static int column(RecordReader in, String[] header, String spec, String role) {
        if (header != null) {
            for (int k = 0; k < header.length; k++) if (header[k].strip().equals(spec)) return k;
        }
        try {
            int idx = Integer.parseInt(spec.strip());
            if (idx >= 0) return idx;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(in.file(), header == null ? 0 : 1, role,
                header == null ? "column '" + spec + "' is a name, but the spec does not say header=true, so columns are 0-based"
                        + " indices; add header=true to the spec if the first line names the columns"
                        : "column '" + spec + "' is neither a header name nor a 0-based index; the header's columns are: " + String.join(", ", header));
    }

    private static void readJsonLines(Source s, Mapping m, Dataset.Builder b) {
        ObjectMapper mapper = new ObjectMapper();
        try (LineReader in = s.lines(StandardCharsets.UTF_8)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = mapper.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new DataFormatException(s.path(), lineNo, null, "malformed JSON: " + e.getOriginalMessage(), e);
                }
                if (!node.isObject()) throw new DataFormatException(s.path(), lineNo, null, "got " + node.getNodeType() + ", expected a JSON object");
                String user = idField(s, lineNo, node, m.user());
                String item = idField(s, lineNo, node, m.item());
                float v = m.rating() == null ? 1f : (float) numberField(s, lineNo, node, m.rating(), false);
                long t = m.time() == null ? 0L : (long) numberField(s, lineNo, node, m.time(), true);
                b.add(user, item, v, t);
            }
        } catch (LineReader.MalformedLineException e) {
            throw new DataFormatException(s.path(), e.line, null, "bytes are not valid text in the expected encoding", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + s.path(), e);
        }
    }

    private static String idField(Source s, long line, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new DataFormatException(s.path(), line, field, "missing");
        if (!v.isValueNode() || v.asText().isBlank())
            throw new DataFormatException(s.path(), line, field, "got '" + RecordReader.abbreviate(v.toString()) + "', expected a non-empty id");
        return v.asText().strip();
    }

    private static double numberField(Source s, long line, JsonNode node, String field, boolean integer) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new DataFormatException(s.path(), line, field, "missing");
        String expected = integer ? "an integer" : "a finite number";
        try {
            if (v.isNumber() && (!integer || v.canConvertToExactIntegral())) return integer ? v.asLong() : v.asDouble();
            if (v.isTextual()) {
                double d = integer ? Long.parseLong(v.asText().strip()) : Double.parseDouble(v.asText().strip());
                if (Double.isFinite(d)) return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(s.path(), line, field, "got '" + RecordReader.abbreviate(v.toString()) + "', expected " + expected);
    }
}
