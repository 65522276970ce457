package io.genrec.models.semanticid;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ItemTextEmbedders;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;

/**
 * Semantic-ID quality on a catalogue: embeds every item's text with the in-process encoder on the class path
 * (MiniLM from genrec-llm), fits RQ-KMeans or RQ-VAE ({@link RqVae}, TIGER's sizes, overridable by {@code key=value}) and prints codebook usage, collision rate before the disambiguation
 * token, largest colliding group and prefix sharing of text neighbours ({@link SemanticIds#report}).
 *
 * <p>Usage: {@code SemanticIdReport DATA_SPEC [LEVELS] [CODES] [KMEANS_ITERATIONS] [SAMPLE] [SEED] [rqkmeans|rqvae] [key=value ...]}.
 * KMEANS_ITERATIONS are the Lloyd steps of RQ-KMeans and of RQ-VAE's codebook initialisation; the {@code key=value}
 * pairs set RQ-VAE's training ({@link RqVae.Config#with}), except {@code item_text=TEMPLATE}, which chooses the item
 * fields the text vectors see (as TIGER's {@code item_text}; default every field).
 */
public final class SemanticIdReport {
    private SemanticIdReport() { }

    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: SemanticIdReport DATA_SPEC [LEVELS=3] [CODES=256] [ITERATIONS=20] [SAMPLE=1000] [SEED=42] [TOKENIZER=rqkmeans|rqvae] [key=value ...]");
        int levels = args.length > 1 ? Integer.parseInt(args[1]) : 3, codes = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int iters = args.length > 3 ? Integer.parseInt(args[3]) : 20, sample = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 42;
        String tokenizer = args.length > 6 ? args[6] : RqKMeans.NAME;
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 7; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("argument " + (i + 1) + " '" + args[i] + "' is not key=value");
            kv.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        String itemText = kv.remove("item_text");
        if (!tokenizer.equals(RqKMeans.NAME) && !tokenizer.equals(RqVae.NAME))
            throw new IllegalArgumentException("unknown tokenizer '" + tokenizer + "' (known: rqkmeans, rqvae)");
        if (tokenizer.equals(RqKMeans.NAME) && !kv.isEmpty()) throw new IllegalArgumentException("rqkmeans takes no key=value settings, got " + kv);
        RqVae.Config vaeConfig = RqVae.Config.tiger(levels, codes).with(kv).with(Map.of("kmeans_iterations", String.valueOf(iters)));
        Dataset d = DataSpecs.load(args[0]).data();
        ItemTextEmbedder embedder = ItemTextEmbedders.find();
        long t0 = System.nanoTime();
        float[][] emb = embedder.embed(d.catalog(), itemText, (stage, done, total, detail) -> { });
        double embedSecs = (System.nanoTime() - t0) / 1e9;
        int texted = 0;
        for (float[] e : emb) for (float x : e) if (x != 0f) { texted++; break; }
        long t1 = System.nanoTime();
        ItemTokenizer tok = tokenizer.equals(RqVae.NAME) ? RqVae.fit(emb, vaeConfig, seed) : RqKMeans.fit(emb, levels, codes, iters, seed);
        int[][] raw = new int[emb.length][];
        for (int i = 0; i < emb.length; i++) raw[i] = tok.encode(emb[i]);
        double fitSecs = (System.nanoTime() - t1) / 1e9;
        SemanticIds.Report r;
        String noIds = null;
        try {
            r = SemanticIds.of(raw, codes).report(emb, sample, seed);
        } catch (IllegalArgumentException e) {
            // a collapsed tokenizer: say so and still report what the raw codes show (prefix sharing needs the IDs)
            noIds = e.getMessage();
            r = rawReport(raw, codes);
        }
        System.out.printf(Locale.ROOT, "data %s: %d items, %d with text; encoder %s (%d dims), item text %s, %.1f s%n", d.name(), d.numItems(), texted,
                embedder.modelId(), embedder.dimension(), itemText == null ? "every field" : "'" + itemText + "'", embedSecs);
        if (tok instanceof RqVae vae) {
            System.out.printf(Locale.ROOT, "rqvae %s seed=%d: fit+encode %.1f s%n", vaeConfig, seed, fitSecs);
            var h = vae.history();
            for (RqVae.EpochLoss e : h)
                if (e.epoch() == 1 || e.epoch() == h.size() || e.epoch() % Math.max(1, h.size() / 5) == 0)
                    System.out.printf(Locale.ROOT, "  epoch %d: reconstruction %.5f, codebook+commitment %.5f%n", e.epoch(), e.reconstruction(), e.quantisation());
            double mse = 0, var = 0;
            double[] mean = new double[emb[0].length];
            for (float[] e : emb) for (int j = 0; j < mean.length; j++) mean[j] += e[j] / emb.length;
            for (float[] e : emb) {
                float[] rec = vae.reconstruct(e);
                for (int j = 0; j < mean.length; j++) {
                    mse += (rec[j] - e[j]) * (rec[j] - e[j]);
                    var += (e[j] - mean[j]) * (e[j] - mean[j]);
                }
            }
            System.out.printf(Locale.ROOT, "reconstruction squared error per item %.5f (total variance per item %.5f)%n", mse / emb.length, var / emb.length);
        } else {
            System.out.printf(Locale.ROOT, "rqkmeans levels=%d codes=%d iterations=%d seed=%d: fit+encode %.1f s%n", levels, codes, iters, seed, fitSecs);
        }
        System.out.printf(Locale.ROOT, "codebook usage per level: %s%n", Arrays.toString(Arrays.stream(r.codebookUsage())
                .mapToObj(u -> String.format(Locale.ROOT, "%.3f", u)).toArray()));
        System.out.printf(Locale.ROOT, "collision rate before the disambiguation token: %.4f (largest group %d items)%n", r.collisionRate(), r.largestGroup());
        if (noIds != null) System.out.printf(Locale.ROOT, "NO UNIQUE SEMANTIC IDS (neighbour prefix sharing not computed): %s%n", noIds);
        else System.out.printf(Locale.ROOT, "nearest text neighbour shares token 1: %.3f, tokens 1-2: %.3f; random item: %.3f, %.3f (%d sampled items)%n",
                r.neighbourPrefix1(), r.neighbourPrefix2(), r.randomPrefix1(), r.randomPrefix2(), r.sampled());
    }

    /** Usage, collision rate and largest group of raw codes that admit no disambiguation token (prefix fields NaN). */
    private static SemanticIds.Report rawReport(int[][] raw, int codes) {
        int levels = raw[0].length;
        double[] usage = new double[levels];
        for (int l = 0; l < levels; l++) {
            java.util.BitSet used = new java.util.BitSet();
            for (int[] c : raw) used.set(c[l]);
            usage[l] = used.cardinality() / (double) codes;
        }
        Map<String, Integer> groups = new java.util.HashMap<>();
        for (int[] c : raw) groups.merge(Arrays.toString(c), 1, Integer::sum);
        int collided = 0, largest = 0;
        for (int[] c : raw) {
            int g = groups.get(Arrays.toString(c));
            if (g > 1) collided++;
            largest = Math.max(largest, g);
        }
        return new SemanticIds.Report(raw.length, usage, collided / (double) raw.length, largest, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
