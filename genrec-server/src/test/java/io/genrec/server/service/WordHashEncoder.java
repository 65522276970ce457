package io.genrec.server.service;

import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.ProgressListener;

import java.util.List;
import java.util.Locale;

/** A test-only text encoder: each lower-cased word adds 1 to a hashed dimension, rows L2-normalised. */
public final class WordHashEncoder implements ItemEncoder {
    static final int DIM = 256;

    @Override
    public String modelId() { return "word-hash-test"; }

    @Override
    public int dimension() { return DIM; }

    @Override
    public float[][] embed(List<String> texts, ProgressListener listener) {
        float[][] out = new float[texts.size()][DIM];
        for (int i = 0; i < out.length; i++) {
            double norm = 0;
            for (String w : texts.get(i).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (w.isEmpty()) continue;
                out[i][Math.floorMod(w.hashCode(), DIM)] += 1;
            }
            for (float x : out[i]) norm += x * x;
            if (norm > 0) for (int d = 0; d < DIM; d++) out[i][d] /= (float) Math.sqrt(norm);
        }
        return out;
    }
}
