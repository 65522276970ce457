package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordReaderTest {
    @TempDir Path dir;

    private RecordReader csv(String... lines) {
        return RecordReader.csv(Source.file(Fixtures.write(dir, "f.csv", lines)), StandardCharsets.UTF_8, ',');
    }

    @Test
    void parsesRfc4180Quoting() {
        try (RecordReader r = csv("a,\"b, with comma\",c",
                "\"say \"\"hi\"\"\",,",
                "\"multi",
                "line\",x",
                "",
                "plain,\"\"")) {
            assertArrayEquals(new String[] {"a", "b, with comma", "c"}, r.next());
            assertEquals(1, r.line());
            assertArrayEquals(new String[] {"say \"hi\"", "", ""}, r.next());
            assertArrayEquals(new String[] {"multi\nline", "x"}, r.next());
            assertEquals(3, r.line(), "a multi-line record is named by its first line");
            assertArrayEquals(new String[] {"plain", ""}, r.next());
            assertEquals(6, r.line(), "blank lines are skipped but counted");
            assertNull(r.next());
        }
    }

    @Test
    void unclosedQuoteNamesTheOpeningLine() {
        try (RecordReader r = csv("a,b", "x,\"never closed", "more")) {
            r.next();
            DataFormatException e = assertThrows(DataFormatException.class, r::next);
            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("f.csv:2") && e.getMessage().contains("never closed"), e.getMessage());
        }
    }

    @Test
    void textAfterClosingQuoteIsRejected() {
        try (RecordReader r = csv("\"a\"b,c")) {
            DataFormatException e = assertThrows(DataFormatException.class, r::next);
            assertTrue(e.getMessage().contains(":1: field 'field 1'") && e.getMessage().contains("after a closing quote"), e.getMessage());
        }
    }

    @Test
    void separatedKeepsEmptyFieldsAndStripsBom() {
        Path f = Fixtures.write(dir, "f.dat", "\uFEFF1::Toy Story (1995)::", "2::x::a|b");
        try (RecordReader r = RecordReader.separated(Source.file(f), StandardCharsets.UTF_8, "::")) {
            assertArrayEquals(new String[] {"1", "Toy Story (1995)", ""}, r.next());
            assertArrayEquals(new String[] {"2", "x", "a|b"}, r.next());
        }
    }

    @Test
    void invalidUtf8IsAnErrorNotReplacementCharacters() throws Exception {
        Path f = dir.resolve("bad.csv");
        java.nio.file.Files.write(f, new byte[] {'a', ',', (byte) 0xE9, 'x', '\n'});
        try (RecordReader r = RecordReader.csv(Source.file(f), StandardCharsets.UTF_8, ',')) {
            DataFormatException e = assertThrows(DataFormatException.class, r::next);
            assertTrue(e.getMessage().contains("bad.csv:1") && e.getMessage().contains("encoding"), e.getMessage());
        }
    }

    @Test
    void countLinesCountsAFinalLineWithoutNewline() throws Exception {
        Path f = dir.resolve("n.txt");
        java.nio.file.Files.writeString(f, "a\nb\nc");
        assertEquals(3, Source.file(f).countLines());
        java.nio.file.Files.writeString(f, "a\nb\n");
        assertEquals(2, Source.file(f).countLines());
    }
}
