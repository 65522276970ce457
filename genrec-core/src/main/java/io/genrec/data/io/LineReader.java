package io.genrec.data.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads lines of bytes and decodes each line on its own, so a decoding error is reported on the line that holds the
 * bad bytes (a {@link java.io.BufferedReader} decodes 64 KB ahead and cannot say which line failed). Line ends are
 * {@code \n}, {@code \r\n} or {@code \r}, as for {@link java.io.BufferedReader#readLine()}. Only for charsets in which
 * those bytes always mean a line end (UTF-8, ISO-8859-1, US-ASCII), the ones GenRec's loaders read.
 */
final class LineReader implements AutoCloseable {
    /** Thrown with the 1-based line whose bytes do not decode. */
    static final class MalformedLineException extends IOException {
        final long line;

        MalformedLineException(long line, CharacterCodingException cause) {
            super("line " + line + ": bytes are not valid text in the expected encoding", cause);
            this.line = line;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final boolean latin1;
    private byte[] buf = new byte[1 << 16];
    private int pos, limit;
    private boolean eof;
    private long lineNo;

    LineReader(InputStream in, Charset charset) {
        if (!charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.ISO_8859_1) && !charset.equals(StandardCharsets.US_ASCII))
            throw new IllegalArgumentException("line-by-line decoding supports UTF-8, ISO-8859-1 and US-ASCII, got " + charset);
        this.in = in;
        this.latin1 = charset.equals(StandardCharsets.ISO_8859_1);
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Lines read so far (the 1-based number of the last line returned). */
    long lineNumber() { return lineNo; }

    /** The next line without its terminator, or null at the end. */
    String readLine() throws IOException {
        int start = pos;
        int scan = pos;
        while (true) {
            for (; scan < limit; scan++) {
                byte c = buf[scan];
                if (c == '\n' || c == '\r') {
                    String line = decode(start, scan);
                    pos = scan + 1;
                    if (c == '\r') {
                        if (pos == limit) fill(pos);
                        if (pos < limit && buf[pos] == '\n') pos++;
                    }
                    return line;
                }
            }
            if (eof) {
                if (start == limit) return null;
                pos = limit;
                return decode(start, limit);
            }
            // compact: keep the unfinished line at the buffer start, then read more
            int kept = limit - start;
            if (start > 0) System.arraycopy(buf, start, buf, 0, kept);
            else if (kept == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            scan = kept;
            pos = 0;
            start = 0;
            limit = kept;
            fill(limit);
        }
    }

    /** Reads more bytes after {@code at} (compacting from {@code pos} if needed). */
    private void fill(int at) throws IOException {
        if (eof) return;
        if (at == buf.length) {
            int kept = limit - pos;
            System.arraycopy(buf, pos, buf, 0, kept);
            limit = kept;
            pos = 0;
        }
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) eof = true; else limit += r;
    }

    private String decode(int from, int to) throws IOException {
        lineNo++;
        if (latin1) return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        boolean ascii = true;
        for (int k = from; k < to && ascii; k++) ascii = buf[k] >= 0;
        // ASCII is the common case and decodes the same in every supported charset: skip the decoder.
        if (ascii) return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        try {
            return decoder.reset().decode(ByteBuffer.wrap(buf, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedLineException(lineNo, e);
        }
    }

    @Override
    public void close() throws IOException { in.close(); }
}
