package io.genrec.image;

import io.genrec.data.DataFormatException;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads JPEG and PNG files with ImageIO (the TwelveMonkeys JPEG plug-in on the class path adds CMYK and damaged
 * JPEGs) and turns them into model input with Java 2D's bilinear scaling. Every failure names the file.
 */
public final class ImageFiles {
    private ImageFiles() { }

    /** The file's bytes; a missing or unreadable file is an error naming it. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, 0, "image", "no such image file");
        } catch (IOException e) {
            throw new DataFormatException(file, 0, "image", "cannot read the image file: " + e.getMessage(), e);
        }
    }

    /** Decodes {@code data} read from {@code file} (named in errors) into RGB. */
    public static BufferedImage decode(Path file, byte[] data) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(data));
        } catch (IOException | RuntimeException e) {
            throw new DataFormatException(file, 0, "image", "corrupt image (" + e.getMessage() + "); expected a JPEG or PNG file", e);
        }
        if (img == null)
            throw new DataFormatException(file, 0, "image", "not a JPEG or PNG image (no ImageIO reader recognises its "
                    + data.length + " bytes)");
        if (img.getWidth() < 1 || img.getHeight() < 1) throw new DataFormatException(file, 0, "image", "image has no pixels");
        return toRgb(img);
    }

    public static BufferedImage read(Path file) { return decode(file, bytes(file)); }

    /** {@code img} as a plain RGB image (drops alpha onto black, expands palettes and grey). */
    static BufferedImage toRgb(BufferedImage img) {
        if (img.getType() == BufferedImage.TYPE_INT_RGB) return img;
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(img, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Scales so the shorter side is {@code resize} (bilinear) and cuts the centred {@code crop} square. */
    public static BufferedImage resizeAndCrop(BufferedImage img, int resize, int crop) {
        int w = img.getWidth(), h = img.getHeight();
        double scale = (double) resize / Math.min(w, h);
        int sw = Math.max(crop, (int) Math.round(w * scale)), sh = Math.max(crop, (int) Math.round(h * scale));
        BufferedImage out = new BufferedImage(crop, crop, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, -(sw - crop) / 2, -(sh - crop) / 2, sw, sh, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The model input of one image: {@code [3, crop, crop]} channel-major, standardised as {@code p} says. */
    public static float[] tensor(BufferedImage img, Preprocessing p) {
        BufferedImage sq = img.getWidth() == p.crop() && img.getHeight() == p.crop() ? toRgb(img) : resizeAndCrop(img, p.resize(), p.crop());
        int c = p.crop(), plane = c * c;
        int[] argb = sq.getRGB(0, 0, c, c, null, 0, c);
        float[] out = new float[3 * plane];
        float[] mean = p.mean(), std = p.std();
        for (int i = 0; i < plane; i++) {
            int px = argb[i];
            out[i] = (((px >> 16) & 0xFF) / 255f - mean[0]) / std[0];
            out[plane + i] = (((px >> 8) & 0xFF) / 255f - mean[1]) / std[1];
            out[2 * plane + i] = ((px & 0xFF) / 255f - mean[2]) / std[2];
        }
        return out;
    }

    /** Reads {@code file} and returns its model input. */
    public static float[] tensor(Path file, Preprocessing p) { return tensor(read(file), p); }
}
