package io.genrec.models.training;

import io.genrec.data.DataFormatException;
import io.genrec.model.ModelArchive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's weights as named host arrays with shapes, in a fixed order. The host copy is the source of truth: the
 * trainer uploads it to native arrays for each mini-batch and the optimizer updates it in place, so checkpoints,
 * saving and Java-side scoring need no native memory. Matrices are row-major {@code [in, out]} (the layout of
 * {@code x.matMul(W)}). Not thread safe while training; read-only afterwards.
 */
public final class ParameterSet {
    private final Map<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, int[]> shapes = new LinkedHashMap<>();

    /** Adds a parameter; {@code data.length} must equal the product of {@code shape}. */
    public ParameterSet add(String name, float[] data, int... shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n != data.length)
            throw new IllegalArgumentException("parameter '" + name + "' has " + data.length + " values, shape " + Arrays.toString(shape) + " needs " + n);
        if (values.putIfAbsent(name, data) != null) throw new IllegalArgumentException("duplicate parameter '" + name + "'");
        shapes.put(name, shape.clone());
        return this;
    }

    public float[] get(String name) {
        float[] v = values.get(name);
        if (v == null) throw new IllegalArgumentException("no parameter '" + name + "'; known: " + values.keySet());
        return v;
    }

    public int[] shape(String name) {
        get(name);
        return shapes.get(name).clone();
    }

    public List<String> names() { return Collections.unmodifiableList(new ArrayList<>(values.keySet())); }

    public int size() { return values.size(); }

    /** Total number of scalar weights. */
    public long count() {
        long n = 0;
        for (float[] v : values.values()) n += v.length;
        return n;
    }

    /** A deep copy (a checkpoint). */
    public ParameterSet copy() {
        ParameterSet c = new ParameterSet();
        for (String name : values.keySet()) c.add(name, values.get(name).clone(), shapes.get(name));
        return c;
    }

    /** Stores every parameter as {@code w.<name>} and its shape as {@code shape.<name>}. */
    public void writeTo(ModelArchive archive) {
        for (String name : values.keySet()) {
            archive.putFloats("w." + name, values.get(name));
            archive.putInts("shape." + name, shapes.get(name));
        }
    }

    /** Reads the parameters {@code names} written by {@link #writeTo}; a missing or inconsistent one names the file. */
    public static ParameterSet readFrom(ModelArchive.Loaded loaded, List<String> names) {
        ParameterSet p = new ParameterSet();
        for (String name : names) {
            float[] data = loaded.floats("w." + name);
            int[] shape = loaded.ints("shape." + name);
            try {
                p.add(name, data, shape);
            } catch (IllegalArgumentException e) {
                throw new DataFormatException(loaded.file(), 0, "w." + name, e.getMessage());
            }
        }
        return p;
    }

    /** Checks that {@code name} has exactly {@code shape}, naming both on mismatch (used after loading). */
    public void requireShape(String name, int... shape) {
        if (!Arrays.equals(shapes.get(name), shape))
            throw new IllegalArgumentException("parameter '" + name + "' has shape " + Arrays.toString(shapes.get(name)) + ", expected " + Arrays.toString(shape));
    }
}
