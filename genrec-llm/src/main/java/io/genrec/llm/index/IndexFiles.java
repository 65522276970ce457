package io.genrec.llm.index;

import io.genrec.util.SafeWrites;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes an index directory through {@link SafeWrites}: callers fill a temporary sibling, which then replaces the
 * target only if that is absent, empty or an earlier GenRec vector index; anything else is refused naming the path.
 */
final class IndexFiles {
    private IndexFiles() { }

    static void write(Path target, SafeWrites.DirectoryWriter writer) throws IOException {
        SafeWrites.writeDirectory(target, SafeWrites.VECTOR_INDEX, writer);
    }
}
