package io.genrec.data.io;

import io.genrec.data.DataFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a text source record by record (one line each, or several for a quoted CSV field holding line breaks),
 * keeping the 1-based line number so every parse error names file, line, field and value. Blank lines are skipped.
 *
 * <p>Three layouts: {@link #csv} (RFC 4180: quoted fields, doubled quotes, delimiters and line breaks inside quotes),
 * {@link #separated} (a plain separator such as tab or {@code ::}, no quoting: a {@code "} is a character, as in TSV) and {@link #whitespace}.
 */
public final class RecordReader implements AutoCloseable {
    private enum Layout { CSV, SEPARATED, WHITESPACE }

    private final Source source;
    private final LineReader in;
    private final Layout layout;
    private final String separator;
    private final char delimiter;
    private long lineNo;
    private long recordLine;
    private String lastLine;

    private RecordReader(Source source, Charset charset, Layout layout, String separator) {
        this.source = source;
        this.layout = layout;
        this.separator = separator;
        this.delimiter = separator.isEmpty() ? ' ' : separator.charAt(0);
        this.in = source.lines(charset);
    }

    /** RFC 4180 CSV with the given delimiter (',' or '\t'). */
    public static RecordReader csv(Source source, Charset charset, char delimiter) {
        if (delimiter == '"') throw new IllegalArgumentException("the delimiter cannot be a double quote");
        return new RecordReader(source, charset, Layout.CSV, String.valueOf(delimiter));
    }

    /** Fields split on a literal separator (e.g. "\t", "|", "::"); quotes have no meaning. Empty fields are kept. */
    public static RecordReader separated(Source source, Charset charset, String separator) {
        if (separator.isEmpty()) throw new IllegalArgumentException("empty separator");
        return new RecordReader(source, charset, Layout.SEPARATED, separator);
    }

    /** Fields split on runs of spaces/tabs. */
    public static RecordReader whitespace(Source source, Charset charset) {
        return new RecordReader(source, charset, Layout.WHITESPACE, "");
    }

    public Path file() { return source.path(); }

    /** The 1-based line on which the current record starts. */
    public long line() { return recordLine; }

    /** The raw text of the current record's first line (for messages). */
    public String rawLine() { return lastLine; }

    /** The next record's fields, or null at the end. */
    public String[] next() {
        String line;
        do {
            line = readLine();
            if (line == null) return null;
        } while (line.isBlank());
        recordLine = lineNo;
        lastLine = line;
        return switch (layout) {
            case SEPARATED -> splitOn(line, separator);
            case WHITESPACE -> line.strip().split("[ \t]+");
            case CSV -> line.indexOf('"') < 0 ? splitOn(line, separator) : parseQuoted(line);
        };
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') line = line.substring(1);
            }
            return line;
        } catch (LineReader.MalformedLineException e) {
            throw new DataFormatException(source.path(), e.line, null, "bytes are not valid text in the expected encoding", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.path(), e);
        }
    }

    /** Splits on every occurrence of a literal separator, keeping empty fields (trailing ones too). */
    static String[] splitOn(String line, String sep) {
        List<String> out = new ArrayList<>(8);
        int from = 0, at;
        while ((at = line.indexOf(sep, from)) >= 0) {
            out.add(line.substring(from, at));
            from = at + sep.length();
        }
        out.add(line.substring(from));
        return out.toArray(new String[0]);
    }

    private String[] parseQuoted(String first) {
        List<String> fields = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        String line = first;
        int pos = 0;
        while (true) {
            if (pos < line.length() && line.charAt(pos) == '"') {
                pos++;
                while (true) {
                    int q = line.indexOf('"', pos);
                    if (q < 0) {
                        field.append(line, pos, line.length()).append('\n');
                        line = readLine();
                        if (line == null)
                            throw new DataFormatException(source.path(), recordLine, "field " + (fields.size() + 1),
                                    "quoted field is never closed (opening quote on this line)");
                        pos = 0;
                        continue;
                    }
                    field.append(line, pos, q);
                    if (q + 1 < line.length() && line.charAt(q + 1) == '"') {
                        field.append('"');
                        pos = q + 2;
                        continue;
                    }
                    pos = q + 1;
                    break;
                }
                if (pos < line.length() && line.charAt(pos) != delimiter)
                    throw new DataFormatException(source.path(), lineNo, "field " + (fields.size() + 1),
                            "unexpected '" + line.charAt(pos) + "' after a closing quote: expected the delimiter or the end of the line");
            } else {
                int end = line.indexOf(delimiter, pos);
                field.append(line, pos, end < 0 ? line.length() : end);
                pos = end < 0 ? line.length() : end;
            }
            fields.add(field.toString());
            field.setLength(0);
            if (pos >= line.length()) return fields.toArray(new String[0]);
            pos++; // skip the delimiter
            if (pos == line.length()) {
                fields.add("");
                return fields.toArray(new String[0]);
            }
        }
    }

    /** An error at the current record. */
    public DataFormatException error(String field, String message) {
        return new DataFormatException(source.path(), recordLine, field, message);
    }

    /** "got 'value', expected ..." at the current record. */
    public DataFormatException bad(String field, String value, String expected) {
        return error(field, "got '" + abbreviate(value) + "', expected " + expected);
    }

    /** Field {@code index} of {@code rec}; too few fields is an error naming the field and the layout expected. */
    public String field(String[] rec, int index, String name, String layoutHint) {
        if (index >= rec.length)
            throw error(name, "missing: the line has " + rec.length + " field(s), expected " + layoutHint
                    + " (line: '" + abbreviate(lastLine) + "')");
        return rec[index];
    }

    /** A non-empty id field. */
    public String id(String[] rec, int index, String name, String layoutHint) {
        String s = field(rec, index, name, layoutHint).strip();
        if (s.isEmpty()) throw bad(name, s, "a non-empty id");
        return s;
    }

    /** A finite float field. */
    public float floatField(String[] rec, int index, String name, String layoutHint) {
        String s = field(rec, index, name, layoutHint);
        try {
            float f = Float.parseFloat(s.strip());
            if (Float.isFinite(f)) return f;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(name, s, "a finite number");
    }

    /** An integer (long) field. */
    public long longField(String[] rec, int index, String name, String layoutHint) {
        String s = field(rec, index, name, layoutHint);
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw bad(name, s, "an integer");
        }
    }

    /** Index of the column named {@code name} in a header record; absent is an error listing the header. */
    public int column(String[] header, String name) {
        for (int k = 0; k < header.length; k++) if (header[k].strip().equals(name)) return k;
        throw error(name, "column not found in the header " + java.util.Arrays.toString(header));
    }

    static String abbreviate(String s) {
        if (s == null) return "";
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source.path(), e);
        }
    }
}
