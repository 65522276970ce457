package io.genrec.data.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A directory of named inputs: a folder on disk or a folder of bundled classpath resources. Multi-file formats
 * (MovieLens, LC-Rec, pre-split data) resolve their files through it.
 *
 * @param path     the name shown in errors
 * @param resolver file name to source
 */
public record SourceDir(Path path, Function<String, Source> resolver) {
    public static SourceDir of(Path dir) {
        return new SourceDir(dir, name -> Source.file(dir.resolve(name)));
    }

    /** A folder of class path resources, e.g. {@code io/genrec/data/bundled/ml-latest-small}. */
    public static SourceDir classpath(String folder) {
        return new SourceDir(Path.of("classpath:", folder), name -> Source.classpath(folder + "/" + name));
    }

    public Source file(String name) { return resolver.apply(name); }

    public boolean has(String name) { return file(name).exists(); }

    /** The named file; missing is an error naming the full path and what needed it. */
    public Source require(String name, String neededFor) {
        Source s = file(name);
        if (!s.exists()) throw Source.missing(s.path(), "missing file, needed for " + neededFor);
        return s;
    }

    /** Fails with a message naming the directory when it does not exist (files are then reported individually). */
    static SourceDir existingDirectory(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a directory: " + dir.toAbsolutePath());
        return of(dir);
    }
}
