package io.genrec.llm.dense;

import io.genrec.data.Dataset;
import io.genrec.llm.embed.CachingItemEncoder;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.index.BenchmarkInfo;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Manual run (not a unit test): embeds the ml-latest-small catalogue (title, genres, year, user tags) with the
 * in-process MiniLM, measures embedding throughput cold (one and two threads, fresh caches) and warm (read back from
 * the disk cache), then runs example searches and writes everything to {@code docs/results/dense-search-examples.md}.
 * Arguments: {@code [output file] [limit of items to embed, default all]}.
 */
public final class DenseSearchExamples {
    static final List<String> QUERIES = List.of("a light-hearted space adventure", "animated movie for kids about toys",
            "dark psychological thriller about memory loss", "romantic comedy set in New York", "gritty mafia crime drama");

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        Path out = Path.of(args.length > 0 ? args[0] : "docs/results/dense-search-examples.md");
        Dataset data = MovieLensSmallText.loadBundled();
        List<String> texts = CatalogEmbeddings.texts(data.catalog(), ItemTextTemplate.DEFAULT);
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : texts.size();
        texts = texts.subList(0, limit);
        long chars = 0;
        for (String t : texts) chars += t.length();
        StringBuilder md = new StringBuilder("# Dense item search on ml-latest-small (MiniLM, exact index)\n\n");
        md.append("Command (from the repository root):\n\n```\n./genrec bench dense-search"
                + (args.length > 0 ? " " + String.join(" ", args) : "") + "\n```\n\n");
        md.append(BenchmarkInfo.markdown()).append("- data: ml-latest-small movies.csv + tags.csv (").append(texts.size())
                .append(" item texts, mean ").append(chars / Math.max(1, texts.size())).append(" characters, default template `")
                .append(ItemTextTemplate.DEFAULT_TEMPLATE).append("`)\n- no randomness (no seed needed)\n\n");
        md.append("## Embedding throughput (all-minilm-l6-v2, in-process ONNX, batch ").append(Encoders.DEFAULT_BATCH).append(")\n\n");
        md.append("| run | threads | texts | seconds | texts/s |\n|---|---|---|---|---|\n");
        Path cacheRoot = Files.createTempDirectory("genrec-embed-bench");
        for (int threads : new int[] {1, 2}) {
            // one thread only on a prefix: the whole catalogue takes minutes on this shared machine
            List<String> part = threads == 1 ? texts.subList(0, Math.min(1000, texts.size())) : texts;
            CachingItemEncoder enc = Encoders.cached(Encoders.miniLm(threads), cacheRoot.resolve("t" + threads));
            enc.uncached().embed(List.of("warm up the ONNX session"));
            long t0 = System.nanoTime();
            enc.embed(part, progress());
            row(md, "cold (empty cache)", threads, part.size(), (System.nanoTime() - t0) / 1e9);
        }
        long t0 = System.nanoTime();
        CachingItemEncoder warm = Encoders.cached(Encoders.miniLm(2), cacheRoot.resolve("t2"));
        warm.embed(texts, ProgressListener.NONE);
        row(md, "warm (cache file re-opened and read)", 2, texts.size(), (System.nanoTime() - t0) / 1e9);
        md.append("\nCache file: ").append(Files.size(warm.cache().file()) / 1024).append(" KiB for ").append(warm.cache().size()).append(" vectors.\n");

        if (limit == data.numItems()) {
            md.append("\n## Example searches (top 10, cosine similarity)\n");
            try (ItemSearch search = ItemSearch.build(data, warm, ItemTextTemplate.DEFAULT, ProgressListener.NONE)) {
                for (String q : QUERIES) {
                    md.append("\n### \"").append(q).append("\"\n\n| rank | movieId | title | genres | score |\n|---|---|---|---|---|\n");
                    int rank = 1;
                    for (ItemSearch.Hit h : search.search(q, 10)) {
                        md.append("| ").append(rank++).append(" | ").append(h.id()).append(" | ").append(h.title()).append(" | ")
                                .append(String.join(", ", data.catalog().get(h.item()).categories())).append(" | ")
                                .append(String.format(Locale.ROOT, "%.3f", h.score())).append(" |\n");
                    }
                }
            }
        }
        md.append(String.format(Locale.ROOT, "%nWall time of the whole run: %.0f s; load average at the end: %s%n",
                (System.nanoTime() - start) / 1e9, BenchmarkInfo.loadAverage()));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    private static void row(StringBuilder md, String run, int threads, int n, double seconds) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |%n", run, threads, n, seconds, n / seconds));
        System.err.printf(Locale.ROOT, "%s threads=%d: %.1f texts/s%n", run, threads, n / seconds);
    }

    private static ProgressListener progress() {
        return (stage, done, total, detail) -> {
            if (done % 2048 < 32 || done == total) System.err.println(stage + " " + done + "/" + total);
        };
    }

}
