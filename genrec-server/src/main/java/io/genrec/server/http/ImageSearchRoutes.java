package io.genrec.server.http;

import io.genrec.data.DataFormatException;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.image.CachingImageEncoder;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import io.genrec.image.ImageFiles;
import io.genrec.image.ItemImages;
import io.genrec.llm.index.ExactVectorIndex;
import io.genrec.model.ProgressListener;
import io.genrec.model.TopK;
import io.genrec.server.service.FieldException;
import io.genrec.server.service.ItemList;
import io.genrec.server.service.RecommendationService;
import io.genrec.server.service.ScoredItem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/search/image}: the body is a JPEG or PNG picture, the answer the catalogue items whose pictures are
 * nearest to it under the server's image encoder ({@code genrec serve --images DIR --image-encoder SPEC}). The index
 * covers the pictures of the catalogue as it was at start-up; items added later have none. Bodies are capped by the
 * server's body limit (413); a body that is not a picture is a 400 naming {@code body}; a server started without
 * {@code --images} answers 503, like {@code /v1/search} without a text index.
 */
public final class ImageSearchRoutes {
    public static final String PATH = "/v1/search/image";

    /**
     * The catalogue's picture vectors.
     *
     * @param items   the catalogue snapshot the index's ids refer to
     * @param encoder encodes query pictures (uncached: a server should not keep a disk entry per uploaded photo)
     */
    public record Index(ItemCatalog items, ImageEncoder encoder, ExactVectorIndex vectors, int pictures) {
        /** Encodes the pictures of {@code catalog} found in {@code folder} with the encoder {@code spec} (cached on disk). */
        public static Index build(ItemCatalog catalog, Path folder, String spec, ProgressListener listener) {
            return build(catalog, folder, ImageEncoders.open(spec), listener);
        }

        /** Encodes the pictures of {@code catalog} found in {@code folder} with {@code enc}. */
        public static Index build(ItemCatalog catalog, Path folder, ImageEncoder enc, ProgressListener listener) {
            Path[] files = ItemImages.resolve(catalog, folder);
            int n = ItemImages.count(files);
            if (n == 0) throw new IllegalArgumentException("no catalogue item has a picture in " + folder + " (expected <item id>.jpg|.jpeg|.png)");
            float[][] rows = ItemImages.features(files, enc, listener);
            ExactVectorIndex index = new ExactVectorIndex(enc.dimension());
            for (int i = 0; i < files.length; i++) if (files[i] != null) index.add(i, rows[i]);
            return new Index(catalog, enc instanceof CachingImageEncoder c ? c.inner() : enc, index, n);
        }
    }

    private volatile Index index;

    /** Serves {@code index} from now on (null: 503). */
    void index(Index index) { this.index = index; }

    boolean ready() { return index != null; }

    void register(Javalin app) { app.post(PATH, this::search); }

    @OpenApi(path = PATH, methods = HttpMethod.POST, summary = "Items whose pictures look most like the posted picture",
            description = "Body: the picture's bytes (JPEG or PNG), at most the server's body limit. Needs `genrec serve --images DIR`.",
            queryParams = @OpenApiParam(name = "k", type = Integer.class, description = "list length, 1..1000 (default 10)"),
            requestBody = @OpenApiRequestBody(required = true, content = {@OpenApiContent(type = "image/jpeg", format = "binary"),
                    @OpenApiContent(type = "image/png", format = "binary")}),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ItemList.class)),
                    @OpenApiResponse(status = "400", content = @OpenApiContent(from = ApiServer.ErrorBody.class)),
                    @OpenApiResponse(status = "413", content = @OpenApiContent(from = ApiServer.ErrorBody.class)),
                    @OpenApiResponse(status = "503", content = @OpenApiContent(from = ApiServer.ErrorBody.class))})
    private void search(Context ctx) {
        for (String p : ctx.queryParamMap().keySet())
            if (!p.equals("k")) throw new FieldException.Invalid(p, "unknown query parameter '" + p + "' (known: k)");
        int k = k(ctx.queryParam("k"));
        Index ix = index;
        if (ix == null) throw new FieldException.NotReady("this server has no image search: start genrec serve with --images DIR (and --image-encoder SPEC)");
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) throw new FieldException.Invalid("body", "the body must be a JPEG or PNG picture; it is empty");
        Path named = Path.of("request body");
        try {
            ImageFiles.decode(named, body); // refuse a non-picture before the encoder sees it
        } catch (DataFormatException e) {
            throw new FieldException.Invalid("body", e.getMessage());
        }
        float[] q = encode(ix.encoder(), body);
        TopK top = ix.vectors().search(q, k, null);
        List<ScoredItem> items = new ArrayList<>();
        for (int r = 0; r < top.size(); r++) {
            Item it = ix.items().get(top.items()[r]);
            items.add(new ScoredItem(r + 1, it.id(), it.title(), it.categories(), top.scores()[r]));
        }
        ctx.json(new ItemList("image", ix.encoder().modelId(), null, null, items));
    }

    /** The encoders read files, so the body goes through a temporary file that is always removed. */
    private static float[] encode(ImageEncoder encoder, byte[] body) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("genrec-query-", ".img");
            Files.write(tmp, body);
            return encoder.encode(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) try { Files.deleteIfExists(tmp); } catch (IOException ignored) { /* a temp file; the OS cleans it up */ }
        }
    }

    private static int k(String value) {
        if (value == null) return 10;
        try {
            int k = Integer.parseInt(value.trim());
            if (k >= 1 && k <= RecommendationService.MAX_K) return k;
        } catch (NumberFormatException ignored) { /* reported below */ }
        throw new FieldException.Invalid("k", "'k' must be an integer in 1.." + RecommendationService.MAX_K + ", got '" + value + "'");
    }
}
