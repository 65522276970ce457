package io.genrec.models.semanticid;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ItemTextEmbedders;

import java.util.Arrays;
import java.util.Locale;

/**
 * Semantic-ID quality on a catalogue: embeds every item's text with the in-process encoder on the class path
 * (MiniLM from genrec-llm), fits RQ-KMeans and prints codebook usage, collision rate before the disambiguation
 * token, largest colliding group and prefix sharing of text neighbours ({@link SemanticIds#report}).
 *
 * <p>Usage: {@code SemanticIdReport DATA_SPEC [LEVELS] [CODES] [KMEANS_ITERATIONS] [SAMPLE] [SEED]}.
 */
public final class SemanticIdReport {
    private SemanticIdReport() { }

    public static void main(String[] args) {
        if (args.length < 1) throw new IllegalArgumentException("usage: SemanticIdReport DATA_SPEC [LEVELS=3] [CODES=256] [ITERATIONS=20] [SAMPLE=1000] [SEED=42]");
        int levels = args.length > 1 ? Integer.parseInt(args[1]) : 3, codes = args.length > 2 ? Integer.parseInt(args[2]) : 256;
        int iters = args.length > 3 ? Integer.parseInt(args[3]) : 20, sample = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 42;
        Dataset d = DataSpecs.load(args[0]).data();
        ItemTextEmbedder embedder = ItemTextEmbedders.find();
        long t0 = System.nanoTime();
        float[][] emb = embedder.embed(d.catalog(), (stage, done, total, detail) -> { });
        double embedSecs = (System.nanoTime() - t0) / 1e9;
        int texted = 0;
        for (float[] e : emb) for (float x : e) if (x != 0f) { texted++; break; }
        long t1 = System.nanoTime();
        RqKMeans tok = RqKMeans.fit(emb, levels, codes, iters, seed);
        int[][] raw = new int[emb.length][];
        for (int i = 0; i < emb.length; i++) raw[i] = tok.encode(emb[i]);
        double fitSecs = (System.nanoTime() - t1) / 1e9;
        SemanticIds ids = SemanticIds.of(raw, codes);
        SemanticIds.Report r = ids.report(emb, sample, seed);
        System.out.printf(Locale.ROOT, "data %s: %d items, %d with text; encoder %s (%d dims), %.1f s%n", d.name(), d.numItems(), texted,
                embedder.modelId(), embedder.dimension(), embedSecs);
        System.out.printf(Locale.ROOT, "rqkmeans levels=%d codes=%d iterations=%d seed=%d: fit+encode %.1f s%n", levels, codes, iters, seed, fitSecs);
        System.out.printf(Locale.ROOT, "codebook usage per level: %s%n", Arrays.toString(Arrays.stream(r.codebookUsage())
                .mapToObj(u -> String.format(Locale.ROOT, "%.3f", u)).toArray()));
        System.out.printf(Locale.ROOT, "collision rate before the disambiguation token: %.4f (largest group %d items)%n", r.collisionRate(), r.largestGroup());
        System.out.printf(Locale.ROOT, "nearest text neighbour shares token 1: %.3f, tokens 1-2: %.3f; random item: %.3f, %.3f (%d sampled items)%n",
                r.neighbourPrefix1(), r.neighbourPrefix2(), r.randomPrefix1(), r.randomPrefix2(), r.sampled());
    }
}
