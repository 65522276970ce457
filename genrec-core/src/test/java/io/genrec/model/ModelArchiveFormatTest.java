package io.genrec.model;

import io.genrec.data.DataFormatException;
import io.genrec.provenance.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** arrays.bin is read and written in bulk but keeps its format: big-endian values after name, type byte and length. */
class ModelArchiveFormatTest {
    @TempDir Path dir;

    // Lengths that do not fill whole read chunks, an empty array, and special float values.
    private final float[] floats = new float[100_003];
    private final int[] ints = new int[70_001];
    private final double[] doubles = new double[33_333];

    ModelArchiveFormatTest() {
        Random r = new Random(5);
        for (int i = 0; i < floats.length; i++) floats[i] = (float) r.nextGaussian();
        floats[7] = Float.NaN;
        floats[8] = Float.NEGATIVE_INFINITY;
        floats[9] = -0f;
        for (int i = 0; i < ints.length; i++) ints[i] = r.nextInt();
        for (int i = 0; i < doubles.length; i++) doubles[i] = r.nextDouble() * 1e300;
    }

    /** The format as the first version wrote it, one value at a time. */
    private byte[] referenceBytes() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(4);
            out.writeUTF("w");
            out.writeByte('f');
            out.writeInt(floats.length);
            for (float x : floats) out.writeFloat(x);
            out.writeUTF("ids");
            out.writeByte('i');
            out.writeInt(ints.length);
            for (int x : ints) out.writeInt(x);
            out.writeUTF("empty");
            out.writeByte('f');
            out.writeInt(0);
            out.writeUTF("d");
            out.writeByte('d');
            out.writeInt(doubles.length);
            for (double x : doubles) out.writeDouble(x);
        }
        return bytes.toByteArray();
    }

    private Path write() throws Exception {
        Path model = dir.resolve("m");
        new ModelArchive().putFloats("w", floats).putInts("ids", ints).putFloats("empty", new float[0]).putDoubles("d", doubles)
                .write(model, "test", new Provenance("test", Map.of(), "data", "hash", "split", 1, "v", "c", "jvm", "os", "arch", null, "now", null));
        return model;
    }

    @Test
    void writesTheSameBytesAsTheReferenceFormat() throws Exception {
        assertArrayEquals(referenceBytes(), Files.readAllBytes(write().resolve("arrays.bin")));
    }

    @Test
    void readsTheReferenceFormat() throws Exception {
        Path model = write();
        Files.write(model.resolve("arrays.bin"), referenceBytes());
        ModelArchive.Loaded l = ModelArchive.read(model);
        assertArrayEquals(floats, l.floats("w"));
        assertTrue(Float.isNaN(l.floats("w")[7]) && Float.floatToRawIntBits(l.floats("w")[9]) == Float.floatToRawIntBits(-0f));
        assertArrayEquals(ints, l.ints("ids"));
        assertArrayEquals(doubles, l.doubles("d"));
        assertEquals(0, l.floats("empty").length);
    }

    @Test
    void aTruncatedFileIsAnErrorNamingIt() throws Exception {
        Path model = write();
        byte[] all = referenceBytes();
        Files.write(model.resolve("arrays.bin"), Arrays.copyOf(all, all.length - 5));
        var e = assertThrows(DataFormatException.class, () -> ModelArchive.read(model));
        assertTrue(e.getMessage().contains("arrays.bin") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
