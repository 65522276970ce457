package io.genrec.models.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The lifetime bug {@link TorchScalar} avoids: a scalar operand must still hold its value when the backward pass runs
 * after a garbage collection, and no network may use DJL's number overloads, which do not.
 */
class TorchScalarTest {
    @Test
    void scalarOperandSurvivesGarbageCollectionBeforeBackward() {
        try (NDManager root = NDManager.newBaseManager()) {
            for (int i = 0; i < 10; i++) {
                try (NDManager m = root.newSubManager(); GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    NDArray x = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(4));
                    x.setRequiresGradient(true);
                    NDArray y = x.mul(TorchScalar.of(x, 3)).div(TorchScalar.of(x, 2)).sum();
                    NativeMemoryChurn.collectAndReuse();
                    c.backward(y);
                    assertArrayEquals(new float[] {1.5f, 1.5f, 1.5f, 1.5f}, x.getGradient().toFloatArray(), "d(3x/2)/dx, round " + i);
                }
            }
        }
    }

    private static final Pattern NUMBER_OVERLOAD = Pattern.compile("\\((Ljava/lang/Number;)+\\)Lai/djl/ndarray/NDArray;");

    /**
     * Main classes that are not model code (they run with {@code genrec bench}): the same-seed benchmark reproduces
     * the number-overload bug on purpose ({@code scalar N}), and the literal reverse process used as the DiffRec
     * scorer's reference runs without gradients, so its operands are never needed by a backward pass.
     */
    private static final List<String> NOT_MODEL_CODE = List.of("sequential/SasRecSameSeedBenchmark.class",
            "diffusion/ReverseProcessReference.class");

    @Test
    void noModelCodeUsesDjlNumberOverloads() throws IOException {
        Path classes = Path.of("target/classes/io/genrec/models");
        assertTrue(Files.isDirectory(classes), "compiled classes expected at " + classes.toAbsolutePath());
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                // Constant-pool descriptors are plain ASCII inside the class file.
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                String name = classes.relativize(f).toString();
                if (NUMBER_OVERLOAD.matcher(bytes).find() && !NOT_MODEL_CODE.contains(name)) offenders.add(name);
            }
        }
        assertEquals(List.of(), offenders, "NDArray.mul/add/sub/div/pow(Number) free their operand before backward; use TorchScalar.of");
    }
}
