package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.io.DataSpecs;
import io.genrec.llm.dense.ItemSearch;
import io.genrec.model.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec search}: free-text dense retrieval over the item catalogue with an in-process sentence encoder. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find items by meaning, with an in-process sentence encoder (no network).",
                "The catalogue's text (title, genres, tags, description) and the query are embedded with all-MiniLM-L6-v2;",
                "items are ranked by cosine. Any data with item titles works (csv:/tsv: take items=FILE, see 'genrec data --help').",
                "Catalogue embeddings are cached on disk (GENREC_CACHE_DIR, default ~/.genrec/cache)."},
        footer = {"", "Examples:", "  genrec search \"a light-hearted space adventure\"",
                "  genrec search \"lab equipment for pipetting\" --data lcrec:../shared/data/amazon-scientific-lcrec --k 5",
                "  genrec search --image photo.jpg --images pictures/ --data csv:ratings.csv?items=items.csv --image-encoder onnx-clip:my-clip"})
final class SearchCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "QUERY", description = "What to look for, in plain words.")
    String query;

    @Option(names = "--image", paramLabel = "FILE", description = "Search by a picture (JPEG/PNG): items whose images are most similar (needs --images); with a QUERY too, by text and picture together.")
    Path image;

    @Option(names = "--images", paramLabel = "DIR", description = "Item pictures: DIR/<item id>.jpg|.png, or the path in an item's 'image' field, relative to DIR.")
    Path images;

    @Option(names = "--image-encoder", paramLabel = "SPEC", description = "histogram, histogram:BINS, contrastive:DIR (saved by genrec multimodal --save DIR) or onnx-clip:DIR (a CLIP export; then a text QUERY with --images searches the pictures) (default: ${DEFAULT-VALUE}).")
    String imageEncoder = "histogram";

    @Option(names = "--k", description = "How many items (default: ${DEFAULT-VALUE}).")
    int k = 10;

    @Option(names = "--data", paramLabel = "SPEC", description = "Data spec with item text (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (k < 1) throw new IllegalArgumentException("--k must be >= 1, got " + k);
        if (image == null && images == null && (query == null || query.isBlank()))
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'QUERY' (or --image FILE with --images DIR)");
        DataSpecs.LoadedData loaded = DataSpecs.load(data);
        Dataset d = loaded.given() == null ? loaded.data() : loaded.given().train();
        ProgressBar bar = new ProgressBar(System.err);
        List<ItemListOutput.Row> rows = new ArrayList<>();
        if (images != null) {
            ImageSearch.Result r = ImageSearch.run(d, images, imageEncoder, image, query, k, common.quiet ? ProgressListener.NONE : bar);
            bar.finishLine();
            int rank = 1;
            for (int i = 0; i < r.top().size(); i++) {
                Item it = d.catalog().get(r.top().items()[i]);
                rows.add(ItemListOutput.Row.of(rank++, it, r.top().scores()[i]).with("categories", it.categories()));
            }
            Map<String, Object> header = new LinkedHashMap<>();
            if (query != null && !query.isBlank()) header.put("query", query);
            if (image != null) header.put("image", image.toString());
            header.put("mode", r.mode());
            header.put("image_encoder", r.encoder());
            header.put("items_with_images", r.indexed());
            if (r.withText() >= 0) {
                header.put("text_encoder", r.textEncoder());
                header.put("items_with_text", r.withText());
                if (!common.quiet) System.err.printf(java.util.Locale.ROOT, "genrec search: text and picture together: %d of %d items have text, %d a picture%n",
                        r.withText(), d.numItems(), r.indexed());
            }
            if (format == EvalCommand.Format.json) System.out.println(ItemListOutput.json(header, "results", rows));
            else ItemListOutput.printTable(System.out, rows);
            return 0;
        }
        if (image != null) throw new IllegalArgumentException("--image needs --images DIR (the item pictures to search)");
        try (ItemSearch search = ItemSearch.of(d, common.quiet ? ProgressListener.NONE : bar)) {
            bar.finishLine();
            int rank = 1;
            for (ItemSearch.Hit hit : search.search(query, k)) {
                Item it = d.catalog().get(hit.item());
                rows.add(ItemListOutput.Row.of(rank++, it, hit.score()).with("categories", it.categories()));
            }
        }
        if (format == EvalCommand.Format.json) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("query", query);
            System.out.println(ItemListOutput.json(header, "results", rows));
        } else {
            ItemListOutput.printTable(System.out, rows);
        }
        return 0;
    }
}
