package io.genrec.image;

/**
 * How an encoder wants its pixels: the shorter side resized to {@code resize}, a centred {@code crop x crop} square
 * cut out, channels scaled to [0, 1] and standardised per channel ({@code (x - mean) / std}), laid out channel-major
 * ({@code [3, crop, crop]}, the NCHW order of PyTorch and ONNX vision models). This is CLIP's preprocessing; its
 * constants are {@link #CLIP_MEAN} and {@link #CLIP_STD}.
 */
public record Preprocessing(int resize, int crop, float[] mean, float[] std) {
    public static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    public static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};

    public Preprocessing {
        if (crop < 1 || resize < crop) throw new IllegalArgumentException("need 1 <= crop <= resize, got crop " + crop + ", resize " + resize);
        if (mean.length != 3 || std.length != 3) throw new IllegalArgumentException("mean and std need 3 channels");
        for (float s : std) if (!(s > 0)) throw new IllegalArgumentException("std must be > 0, got " + s);
        mean = mean.clone();
        std = std.clone();
    }

    /** Values per image: {@code 3 * crop * crop}. */
    public int size() { return 3 * crop * crop; }
}
