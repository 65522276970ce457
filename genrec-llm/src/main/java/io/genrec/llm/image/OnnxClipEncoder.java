package io.genrec.llm.image;

import io.genrec.util.VectorMath;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.DataFormatException;
import io.genrec.image.ImageFiles;
import io.genrec.image.ImageTextEncoder;
import io.genrec.image.Preprocessing;
import io.genrec.model.ProgressListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A user's CLIP-style model run in process with ONNX Runtime: a folder holding {@code vision_model.onnx}
 * ({@code pixel_values [N,3,H,W]} in, {@code image_embeds} out), {@code text_model.onnx} ({@code input_ids} and, when
 * the model declares it, {@code attention_mask} in, {@code text_embeds} out), the Hugging Face {@code tokenizer.json}
 * and {@code preprocessor_config.json} ({@code size}, {@code crop_size}, {@code image_mean}, {@code image_std}) -
 * the layout of the usual split ONNX export of CLIP. Outputs are L2-normalised, so images and texts compare by
 * cosine in one space. The model id includes a hash of both graphs, so the embedding cache never mixes two exports.
 * Thread safe (ONNX Runtime sessions are).
 */
public final class OnnxClipEncoder implements ImageTextEncoder, AutoCloseable {
    private static final int BATCH = 32;
    private final Path dir;
    private final OrtEnvironment env;
    private final OrtSession vision;
    private final OrtSession text;
    private final HuggingFaceTokenizer tokenizer;
    private final Preprocessing prep;
    private final int dimension;
    private final String modelId;

    private OnnxClipEncoder(Path dir, OrtSession vision, OrtSession text, HuggingFaceTokenizer tokenizer, Preprocessing prep,
                            String modelId) {
        this.dir = dir;
        this.env = OrtEnvironment.getEnvironment();
        this.vision = vision;
        this.text = text;
        this.tokenizer = tokenizer;
        this.prep = prep;
        this.modelId = modelId;
        this.dimension = runImages(new float[prep.size()], 1)[0].length;
    }

    /** Opens the model folder {@code dir}; a missing or malformed file is an error naming it. */
    public static OnnxClipEncoder open(Path dir) {
        Path vis = require(dir, "vision_model.onnx"), txt = require(dir, "text_model.onnx");
        Path tok = require(dir, "tokenizer.json"), pre = require(dir, "preprocessor_config.json");
        Preprocessing prep = preprocessing(pre);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession v = null, t = null;
        try {
            v = session(env, vis);
            t = session(env, txt);
            HuggingFaceTokenizer tokenizer;
            try {
                tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("addSpecialTokens", "true"));
            } catch (IOException | RuntimeException e) {
                throw new DataFormatException(tok, 0, null, "not a Hugging Face tokenizer file: " + e.getMessage(), e);
            }
            String id = "onnx-clip-" + dir.toAbsolutePath().normalize().getFileName() + "-" + hash(vis, txt);
            return new OnnxClipEncoder(dir, v, t, tokenizer, prep, id);
        } catch (RuntimeException e) {
            closeQuietly(v);
            closeQuietly(t);
            throw e;
        }
    }

    private static Path require(Path dir, String name) {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p))
            throw new DataFormatException(p, 0, null, "missing: a CLIP model folder needs vision_model.onnx, text_model.onnx,"
                    + " tokenizer.json and preprocessor_config.json (see docs/multimodal.md)");
        return p;
    }

    private static OrtSession session(OrtEnvironment env, Path file) {
        try {
            return env.createSession(file.toString(), new OrtSession.SessionOptions());
        } catch (OrtException e) {
            throw new DataFormatException(file, 0, null, "ONNX Runtime cannot load this model: " + e.getMessage(), e);
        }
    }

    static Preprocessing preprocessing(Path file) {
        try {
            JsonNode n = new ObjectMapper().readTree(file.toFile());
            int crop = side(n.get("crop_size"), "height");
            int resize = side(n.get("size"), "shortest_edge");
            if (crop <= 0) crop = resize;
            if (resize <= 0) resize = crop;
            if (crop <= 0) throw new DataFormatException(file, 0, "crop_size", "needs crop_size or size");
            return new Preprocessing(resize, crop, floats(n.get("image_mean"), Preprocessing.CLIP_MEAN),
                    floats(n.get("image_std"), Preprocessing.CLIP_STD));
        } catch (IOException e) {
            throw new DataFormatException(file, 0, null, "not readable JSON: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, 0, null, e.getMessage(), e);
        }
    }

    private static int side(JsonNode n, String field) {
        if (n == null || n.isNull()) return -1;
        if (n.isNumber()) return n.asInt();
        return n.has(field) ? n.get(field).asInt() : -1;
    }

    private static float[] floats(JsonNode n, float[] dflt) {
        if (n == null || n.isNull()) return dflt;
        float[] out = new float[n.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) n.get(i).asDouble();
        return out;
    }

    private static String hash(Path... files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) md.update(Files.readAllBytes(f));
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path directory() { return dir; }

    public Preprocessing preprocessing() { return prep; }

    @Override
    public String modelId() { return modelId; }

    @Override
    public int dimension() { return dimension; }

    @Override
    public float[][] encode(List<Path> images, ProgressListener listener) {
        float[][] out = new float[images.size()][];
        for (int from = 0; from < out.length; from += BATCH) {
            int n = Math.min(BATCH, out.length - from);
            float[] pixels = new float[n * prep.size()];
            for (int i = 0; i < n; i++)
                System.arraycopy(ImageFiles.tensor(images.get(from + i), prep), 0, pixels, i * prep.size(), prep.size());
            float[][] rows = runImages(pixels, n);
            for (int i = 0; i < n; i++) out[from + i] = VectorMath.normalize(rows[i]);
            listener.progress("encode images", from + n, out.length, "");
        }
        return out;
    }

    /** Raw (not normalised) image embeddings of {@code n} preprocessed images laid end to end. */
    float[][] runImages(float[] pixels, int n) {
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), new long[]{n, 3, prep.crop(), prep.crop()});
             OrtSession.Result r = vision.run(Map.of(vision.getInputNames().iterator().next(), x))) {
            return matrix(r, "image_embeds", vision);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX vision model in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] encodeText(List<String> texts) {
        float[][] out = rawText(texts);
        for (float[] row : out) VectorMath.normalize(row);
        return out;
    }

    /** Raw (not normalised) text embeddings. */
    float[][] rawText(List<String> texts) {
        if (texts.isEmpty()) return new float[0][];
        Encoding[] enc = new Encoding[texts.size()];
        int len = 1;
        for (int i = 0; i < enc.length; i++) {
            enc[i] = tokenizer.encode(texts.get(i));
            len = Math.max(len, enc[i].getIds().length);
        }
        long[] ids = new long[enc.length * len], mask = new long[enc.length * len];
        for (int i = 0; i < enc.length; i++) {
            long[] e = enc[i].getIds(), m = enc[i].getAttentionMask();
            System.arraycopy(e, 0, ids, i * len, e.length);
            System.arraycopy(m, 0, mask, i * len, m.length);
        }
        long[] shape = {enc.length, len};
        try (OnnxTensor idT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape)) {
            Map<String, OnnxTensor> in = new HashMap<>();
            in.put("input_ids", idT);
            if (text.getInputNames().contains("attention_mask")) in.put("attention_mask", maskT);
            try (OrtSession.Result r = text.run(in)) {
                return matrix(r, "text_embeds", text);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX text model in " + dir + " failed: " + e.getMessage(), e);
        }
    }

    private float[][] matrix(OrtSession.Result r, String name, OrtSession s) throws OrtException {
        OnnxValue v = r.get(name).orElse(r.get(0));
        Object value = v.getValue();
        if (!(value instanceof float[][] m))
            throw new IllegalStateException("the model in " + dir + " must output a [N, D] float matrix named '" + name
                    + "'; its outputs are " + s.getOutputNames());
        return m;
    }

    private static void closeQuietly(OrtSession s) {
        if (s == null) return;
        try {
            s.close();
        } catch (OrtException ignored) {
            // closing after a failed open: the open's error is the one to report
        }
    }

    @Override
    public void close() {
        closeQuietly(vision);
        closeQuietly(text);
        tokenizer.close();
    }
}
