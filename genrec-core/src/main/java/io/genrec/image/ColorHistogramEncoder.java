package io.genrec.image;

import io.genrec.util.VectorMath;
import io.genrec.model.ProgressListener;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

/**
 * The baseline image features: a joint RGB colour histogram ({@code bins} levels per channel, so {@code bins^3}
 * cells) of the whole picture, square-rooted (the Hellinger map, so cosine compares distributions sensibly) and
 * L2-normalised. No learning and no text tower: it shows how much of a task colour alone solves.
 */
public final class ColorHistogramEncoder implements ImageEncoder {
    private final int bins;

    public ColorHistogramEncoder(int bins) {
        if (bins < 1 || bins > 16) throw new IllegalArgumentException("bins must be in 1..16, got " + bins);
        this.bins = bins;
    }

    @Override
    public String modelId() { return "color-histogram-" + bins; }

    @Override
    public int dimension() { return bins * bins * bins; }

    @Override
    public float[][] encode(List<Path> images, ProgressListener listener) {
        float[][] out = new float[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = histogram(ImageFiles.read(images.get(i)));
            listener.progress("encode images", i + 1, out.length, "");
        }
        return out;
    }

    /** The normalised square-root histogram of {@code img}. */
    public float[] histogram(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] hist = new float[dimension()];
        for (int px : argb) {
            int r = ((px >> 16) & 0xFF) * bins / 256, g = ((px >> 8) & 0xFF) * bins / 256, b = (px & 0xFF) * bins / 256;
            hist[(r * bins + g) * bins + b]++;
        }
        for (int i = 0; i < hist.length; i++) hist[i] = (float) Math.sqrt(hist[i]);
        return VectorMath.normalize(hist);
    }
}
