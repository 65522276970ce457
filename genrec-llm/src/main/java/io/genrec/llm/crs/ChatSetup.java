package io.genrec.llm.crs;

import io.genrec.data.Dataset;
import io.genrec.llm.dense.CatalogEmbeddings;
import io.genrec.llm.embed.CachingItemEncoder;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;

import java.time.Clock;

/** Builds the offline {@link ChatEngine} over a GenRec data set's catalogue (MovieLens by default). */
public final class ChatSetup {
    private ChatSetup() { }

    /**
     * The catalogue is the data set's items; popularity = interactions per item; collaborative = {@code model}
     * fitted on the data set ({@code null}: none); dense = MiniLM over the same item texts {@code genrec search} embeds
     * (so the disk cache is shared), queries embedded past the cache.
     */
    public static ChatEngine build(Dataset data, FittedRecommender model, int threads, ProgressListener listener) {
        CrsCatalog catalog = CrsCatalog.fromDataset(data);
        int[] pop = data.itemPopularity();
        float[] prior = new float[pop.length];
        for (int i = 0; i < pop.length; i++) prior[i] = pop[i];
        CachingItemEncoder cached = Encoders.cached(Encoders.miniLm(threads));
        float[][] vectors = CatalogEmbeddings.embed(data.catalog(), ItemTextTemplate.DEFAULT, cached, listener);
        Signals signals = new Signals(catalog, prior, model, cached.uncached(), vectors);
        return new ChatEngine(catalog, new StateTracker(catalog, prior),
                new FusionRecommender("hybrid", signals, ChatEngine.CHAT_WEIGHTS), ChatEngine.Limits.DEFAULT, Clock.systemUTC());
    }
}
