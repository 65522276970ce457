package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.image.ColorHistogramEncoder;
import io.genrec.image.ImageFiles;
import io.genrec.image.Preprocessing;
import io.genrec.llm.embed.Encoders;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.models.training.TrainingConfig;
import io.genrec.models.visual.ContrastiveImageText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code genrec multimodal}: trains the in-process contrastive image-text model on the Grocery Store photos (train
 * split) against frozen MiniLM class descriptions and evaluates it on the test split - zero-shot classification by
 * nearest description (fine, and coarse through the fine class), text-to-image and image-to-text Recall@1/5/10 - next
 * to chance and a colour-histogram baseline (each class represented by the histogram of its iconic catalogue image).
 * Prints a Markdown report.
 */
@Command(name = "multimodal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train and evaluate the in-process CLIP-style image-text model on the Grocery Store dataset.",
                "Prints Markdown: zero-shot accuracy, text<->image Recall@1/5/10, chance and a colour-histogram baseline."})
final class MultimodalCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "Grocery Store folder (default: ${DEFAULT-VALUE}).")
    Path data = Path.of("../shared/data/grocery-store-images");

    @Option(names = "--epochs", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--image-size", description = "Input side in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize = 32;

    @Option(names = "--channels", description = "First convolution's width (default: ${DEFAULT-VALUE}).")
    int channels = 16;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--example", paramLabel = "FILE", description = "A photo to show the nearest class descriptions of (default: the first test photo of each of three classes).")
    List<Path> examples = new ArrayList<>();

    @Option(names = "--save", paramLabel = "DIR", description = "Save the trained model to DIR (then search with --image-encoder contrastive:DIR).")
    Path save;

    @Mixin
    CommonOptions common;

    record Photo(Path file, int fine, int coarse) { }

    @Override
    public Integer call() throws Exception {
        List<JsonNode> classes = new ArrayList<>();
        ObjectMapper om = new ObjectMapper();
        for (String line : Files.readAllLines(data.resolve("classes.jsonl"))) if (!line.isBlank()) classes.add(om.readTree(line));
        List<Photo> train = photos("train.txt"), test = photos("test.txt");
        int nc = classes.size();
        List<String> texts = new ArrayList<>();
        int[] coarseOf = new int[nc];
        for (JsonNode c : classes) {
            texts.add(c.get("class_name").asText().replace('-', ' ') + ". " + c.get("description").asText());
            coarseOf[c.get("class_id").asInt()] = c.get("coarse_id").asInt();
        }
        ProgressBar bar = new ProgressBar(System.err);
        ProgressListener listener = common.quiet ? ProgressListener.NONE : bar;
        var textEncoder = Encoders.cached(Encoders.miniLm(common.threads));
        float[][] textEmb = textEncoder.embed(texts, listener);
        var training = new TrainingConfig(epochs, 64, 0.002, 0, 0, 1, 10, 0);
        var cfg = new ContrastiveImageText.Config(channels, 64, imageSize, 0.07, training);
        Preprocessing prep = cfg.preprocessing();
        float[] pixels = tensors(train, prep);
        int[] textOf = train.stream().mapToInt(Photo::fine).toArray();
        Dataset none = new Dataset.Builder("grocery-store-images").build();
        ContrastiveImageText.Fitted m = ContrastiveImageText.fit(pixels, textOf, textEmb, cfg,
                new TrainContext(none, null, seed, common.threads, listener, "grocery train.txt"), textEncoder.modelId());
        bar.finishLine();
        if (save != null) {
            m.save(save);
            System.err.println("genrec multimodal: saved the model to " + save + " (use it as --image-encoder contrastive:" + save + ")");
        }
        float[][] testImg = m.encodePixels(tensors(test, prep), test.size());
        float[][] classTxt = m.projectText(textEmb);
        // baseline: colour histograms of the photos against the histogram of each class's iconic image
        ColorHistogramEncoder hist = new ColorHistogramEncoder(8);
        float[][] testHist = new float[test.size()][];
        for (int i = 0; i < test.size(); i++) testHist[i] = hist.histogram(ImageFiles.read(test.get(i).file()));
        float[][] iconicHist = new float[nc][];
        for (JsonNode c : classes) iconicHist[c.get("class_id").asInt()] = hist.histogram(ImageFiles.read(data.resolve(c.get("iconic_image").asText())));
        int[] fine = test.stream().mapToInt(Photo::fine).toArray();

        var out = System.out;
        out.printf(Locale.ROOT, "Training: %d photos (train.txt), %d epochs, %.1f s, final loss %.4f, learned temperature %.4f; model: CNN %d/%d/%d channels, %dx%d input, %d-d joint space, %d weights.%n%n",
                train.size(), m.training().epochs().size(), m.trainingSeconds(),
                m.training().epochs().get(m.training().epochs().size() - 1).meanLoss(), m.temperature(),
                channels, 2 * channels, 4 * channels, imageSize, imageSize, cfg.dim(), m.training().weights().count());
        out.printf(Locale.ROOT, "Test split: %d photos, %d classes with descriptions (%d coarse).%n%n", test.size(), nc,
                java.util.Arrays.stream(coarseOf).distinct().count());
        out.println("| method | zero-shot fine acc | zero-shot coarse acc | image→text R@1 | R@5 | R@10 | text→image R@1 | R@5 | R@10 |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        row(out, "in-process contrastive (CNN + frozen MiniLM)", testImg, classTxt, fine, coarseOf);
        row(out, "colour histogram vs iconic image (baseline)", testHist, iconicHist, fine, coarseOf);
        chance(out, fine, coarseOf, nc);
        out.println();
        List<Path> shown = new ArrayList<>(examples);
        if (shown.isEmpty()) for (int c : new int[]{0, 40, 70}) test.stream().filter(p -> p.fine() == c).findFirst().ifPresent(p -> shown.add(p.file()));
        for (Path p : shown) {
            float[] q = m.encode(p);
            Integer[] order = rank(q, classTxt);
            out.printf("Nearest class descriptions of `%s`:", p);
            for (int r = 0; r < 3; r++)
                out.printf(Locale.ROOT, " %d. %s (%s, %.3f)", r + 1, classes.get(order[r]).get("class_name").asText(),
                        classes.get(order[r]).get("coarse_name").asText(), dot(q, classTxt[order[r]]));
            out.println();
        }
        return 0;
    }

    private List<Photo> photos(String list) throws Exception {
        Path file = data.resolve(list);
        List<Photo> out = new ArrayList<>();
        long n = 0;
        for (String line : Files.readAllLines(file)) {
            n++;
            if (line.isBlank()) continue;
            String[] f = line.split(",");
            if (f.length != 3) throw new DataFormatException(file, n, null, "expected 'path, fine_id, coarse_id'");
            out.add(new Photo(data.resolve("natural-64").resolve(f[0].trim()), Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim())));
        }
        return out;
    }

    private static float[] tensors(List<Photo> photos, Preprocessing prep) {
        float[] x = new float[photos.size() * prep.size()];
        for (int i = 0; i < photos.size(); i++) System.arraycopy(ImageFiles.tensor(photos.get(i).file(), prep), 0, x, i * prep.size(), prep.size());
        return x;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static Integer[] rank(float[] q, float[][] cands) {
        Integer[] idx = new Integer[cands.length];
        double[] s = new double[cands.length];
        for (int i = 0; i < cands.length; i++) { idx[i] = i; s[i] = dot(q, cands[i]); }
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(s[b], s[a]));
        return idx;
    }

    /** Zero-shot accuracies and both retrieval directions; text→image: a class text hits when a photo of its class is in the top K. */
    private static void row(java.io.PrintStream out, String name, float[][] img, float[][] txt, int[] fine, int[] coarseOf) {
        int n = img.length;
        double fineAcc = 0, coarseAcc = 0;
        double[] i2t = new double[3], t2i = new double[3];
        int[] ks = {1, 5, 10};
        for (int i = 0; i < n; i++) {
            Integer[] order = rank(img[i], txt);
            if (order[0] == fine[i]) fineAcc++;
            if (coarseOf[order[0]] == coarseOf[fine[i]]) coarseAcc++;
            for (int k = 0; k < 3; k++) for (int r = 0; r < ks[k]; r++) if (order[r] == fine[i]) { i2t[k]++; break; }
        }
        java.util.Set<Integer> present = new java.util.TreeSet<>();
        for (int f : fine) present.add(f);
        for (int c : present) {
            Integer[] order = rank(txt[c], img);
            for (int k = 0; k < 3; k++) for (int r = 0; r < ks[k]; r++) if (fine[order[r]] == c) { t2i[k]++; break; }
        }
        out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", name, fineAcc / n, coarseAcc / n,
                i2t[0] / n, i2t[1] / n, i2t[2] / n, t2i[0] / present.size(), t2i[1] / present.size(), t2i[2] / present.size());
    }

    /** Expected values of a uniformly random ranking. */
    private static void chance(java.io.PrintStream out, int[] fine, int[] coarseOf, int nc) {
        int n = fine.length;
        int[] perClass = new int[nc];
        for (int f : fine) perClass[f]++;
        double coarse = 0;
        for (int f : fine) {
            int same = 0;
            for (int c = 0; c < nc; c++) if (coarseOf[c] == coarseOf[f]) same++;
            coarse += (double) same / nc;
        }
        double[] t2i = new double[3];
        int[] ks = {1, 5, 10};
        int present = 0;
        for (int c = 0; c < nc; c++) {
            if (perClass[c] == 0) continue;
            present++;
            for (int k = 0; k < 3; k++) {
                double miss = 1; // P(no photo of class c among K drawn without replacement)
                for (int r = 0; r < ks[k]; r++) miss *= (double) (n - perClass[c] - r) / (n - r);
                t2i[k] += 1 - miss;
            }
        }
        out.printf(Locale.ROOT, "| chance (uniform random ranking) | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                1.0 / nc, coarse / n, 1.0 / nc, 5.0 / nc, 10.0 / nc, t2i[0] / present, t2i[1] / present, t2i[2] / present);
    }
}
