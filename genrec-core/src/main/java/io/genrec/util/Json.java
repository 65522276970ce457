package io.genrec.util;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;

/**
 * The one place GenRec configures the Jackson mapper for the JSON it prints and writes (reports, CLI output).
 * JSON has no NaN or Infinity; Jackson would write them as the strings {@code "NaN"} (or, configured otherwise, as
 * invalid bare tokens), so a non-finite number is written as {@code null}: "no value", which is what it means here.
 */
public final class Json {
    /** Indented; non-finite doubles and floats (boxed, primitive, in arrays) as null. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addModule(nonFiniteAsNull())
            .build();

    private Json() { }

    private static SimpleModule nonFiniteAsNull() {
        JsonSerializer<Double> dbl = new JsonSerializer<>() {
            @Override
            public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException { number(g, v); }
        };
        JsonSerializer<Float> flt = new JsonSerializer<>() {
            @Override
            public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
                if (Float.isFinite(v)) g.writeNumber(v);
                else g.writeNull();
            }
        };
        SimpleModule m = new SimpleModule("genrec-non-finite-as-null");
        // Paths as paths ("/tmp/out"), not as Jackson's default file:// URIs.
        m.addSerializer(java.nio.file.Path.class, com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance);
        m.addSerializer(Double.class, dbl);
        m.addSerializer(Double.TYPE, dbl);
        m.addSerializer(Float.class, flt);
        m.addSerializer(Float.TYPE, flt);
        m.addSerializer(double[].class, new JsonSerializer<>() {
            @Override
            public void serialize(double[] a, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(a, a.length);
                for (double v : a) number(g, v);
                g.writeEndArray();
            }
        });
        m.addSerializer(float[].class, new JsonSerializer<>() {
            @Override
            public void serialize(float[] a, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartArray(a, a.length);
                for (float v : a) {
                    if (Float.isFinite(v)) g.writeNumber(v);
                    else g.writeNull();
                }
                g.writeEndArray();
            }
        });
        return m;
    }

    private static void number(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) g.writeNumber(v);
        else g.writeNull();
    }
}
