package io.genrec.data.io;

import io.genrec.data.DataFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A named input: a path used in error messages plus a way to open the bytes. Loaders read files and bundled
 * classpath resources through the same code, and every error still names the file it came from.
 *
 * @param path    the name shown in errors (a file path, or {@code classpath:/...} for a bundled resource)
 * @param opener  opens a fresh stream on each call
 * @param present whether the input exists (checked before opening so a missing file is reported by name)
 */
public record Source(Path path, Opener opener, BooleanSupplier present) {
    /** Opens the bytes of a source. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** A file on disk. */
    public static Source file(Path file) {
        return new Source(file, () -> Files.newInputStream(file), () -> Files.isRegularFile(file));
    }

    /** A resource on this library's class path, e.g. {@code io/genrec/data/bundled/ml-latest-small/ratings.csv}. */
    public static Source classpath(String resource) {
        ClassLoader cl = Source.class.getClassLoader();
        return new Source(Path.of("classpath:", resource), () -> {
            InputStream in = cl.getResourceAsStream(resource);
            if (in == null) throw new NoSuchFileException("classpath:/" + resource);
            return in;
        }, () -> cl.getResource(resource) != null);
    }

    public boolean exists() { return present.getAsBoolean(); }

    /** The file name without directories, e.g. {@code ratings.csv}. */
    public String fileName() { return path.getFileName().toString(); }

    /** Opens the source; a missing source is a {@link DataFormatException} naming it. */
    public InputStream open() {
        if (!exists()) throw missing(path, "file not found");
        try {
            return opener.open();
        } catch (NoSuchFileException e) {
            throw missing(path, "file not found");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    /**
     * A reader that rejects malformed bytes instead of silently replacing them (a wrong charset must fail loudly).
     */
    public BufferedReader reader(Charset charset) {
        var decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new BufferedReader(new InputStreamReader(open(), decoder), 1 << 16);
    }

    /** Line-by-line decoding, so an encoding error names its line (UTF-8, ISO-8859-1, US-ASCII). */
    LineReader lines(Charset charset) { return new LineReader(open(), charset); }

    /** Number of lines (a final line without newline counts): an exact capacity hint for large rating files. */
    public long countLines() {
        try (InputStream in = open()) {
            byte[] buf = new byte[1 << 16];
            long lines = 0;
            int r;
            byte last = '\n';
            while ((r = in.read(buf)) > 0) {
                for (int k = 0; k < r; k++) if (buf[k] == '\n') lines++;
                last = buf[r - 1];
            }
            return last == '\n' ? lines : lines + 1;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    static DataFormatException missing(Path path, String message) {
        return new DataFormatException(path, 0, null, message);
    }
}
