package io.genrec.data;

import java.nio.file.Path;

/**
 * Malformed input: names the file, the 1-based line (0 when not line-oriented), the field and the bad value, so a
 * user can fix the file without a debugger. Loaders throw it before anything is published, so a failed import never
 * leaves half-loaded state behind.
 */
public final class DataFormatException extends RuntimeException {
    private final Path file;
    private final long line;
    private final String field;
    private final String detail;

    public DataFormatException(Path file, long line, String field, String message) {
        this(file, line, field, message, null);
    }

    public DataFormatException(Path file, long line, String field, String message, Throwable cause) {
        super(format(file, line, field, message), cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.detail = message;
    }

    /** The same error with a hint on how to fix it appended (e.g. "add header=true to the spec"). */
    public DataFormatException withHint(String hint) {
        return new DataFormatException(file, line, field, detail + "; " + hint, getCause());
    }

    private static String format(Path file, long line, String field, String message) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file.toString());
        if (line > 0) sb.append(':').append(line);
        if (field != null) sb.append(": field '").append(field).append('\'');
        sb.append(": ").append(message);
        return sb.toString();
    }

    public Path file() { return file; }
    public long line() { return line; }
    public String field() { return field; }
}
