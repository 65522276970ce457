package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.image.ImageEncoder;
import io.genrec.image.ImageEncoders;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ItemTextEmbedder;
import io.genrec.model.ItemTextEmbedders;
import io.genrec.model.Recommender;
import io.genrec.model.TrainContext;
import io.genrec.models.NeuralProvenance;
import io.genrec.models.training.NeuralTrainer;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TextItemInit;
import io.genrec.models.training.TrainingResult;
import io.genrec.models.visual.MultimodalItemInit;
import io.genrec.provenance.Provenance;

import java.nio.file.Path;

/**
 * SASRec ({@code sasrec}): self-attentive sequential recommendation (Kang &amp; McAuley, ICDM 2018), trained by the
 * shared {@link NeuralTrainer} on each user's most recent {@code maxLen + 1} items ({@link SequenceBatches}) and
 * scored by a Java forward pass ({@link SasRecScorer}). See {@link SasRecConfig} for defaults and
 * {@link SasRecNetwork} for the architecture and its one deviation.
 */
public final class SasRec implements Recommender {
    private final SasRecConfig config;
    private final ItemTextEmbedder embedder;
    private final ImageEncoder imageEncoder;

    /** With {@code item_init=text} the embedder is the one {@link ItemTextEmbedders#find()} finds at fit time. */
    public SasRec(SasRecConfig config) { this(config, null); }

    /** @param embedder embeds the item text for {@code item_init=text}; null means find one on the class path */
    public SasRec(SasRecConfig config, ItemTextEmbedder embedder) { this(config, embedder, null); }

    /** @param imageEncoder encodes the pictures for {@code item_init=fused}; null means open {@code image_encoder} */
    public SasRec(SasRecConfig config, ItemTextEmbedder embedder, ImageEncoder imageEncoder) {
        this.config = config;
        this.embedder = embedder;
        this.imageEncoder = imageEncoder;
    }

    @Override public String name() { return "sasrec"; }
    @Override public java.util.Set<io.genrec.model.Capability> capabilities() { return SequentialFitted.CAPABILITIES; }
    @Override public SasRecConfig config() { return config; }

    @Override
    public FittedRecommender fit(TrainContext ctx) {
        long t0 = System.nanoTime();
        int numItems = ctx.train().numItems();
        TextItemInit text = config.textInit() ? TextItemInit.of(ctx.train().catalog(),
                embedder != null ? embedder : ItemTextEmbedders.find(), config.hiddenSize(), ctx.seed(), ctx.listener())
                : config.fusedInit() ? fusedInit(ctx) : null;
        SasRecNetwork net = new SasRecNetwork(new SequenceBatches(ctx.train(), config.maxLen()), config, text);
        TrainingResult r = new NeuralTrainer(config.training()).train(net, ctx, w -> new Fitted(null, config, numItems, w));
        Provenance p = NeuralProvenance.capture(name(), config, ctx, r, (System.nanoTime() - t0) / 1e9);
        return new Fitted(p, config, numItems, r.weights());
    }

    /** {@code item_init=fused}: text and picture rows of the catalogue, fused and reduced; uncovered items are reported. */
    MultimodalItemInit.Catalogue fusedCatalogue(TrainContext ctx) {
        MultimodalItemInit.Catalogue c = MultimodalItemInit.of(ctx.train().catalog(), embedder != null ? embedder : ItemTextEmbedders.find(),
                imageEncoder != null ? imageEncoder : ImageEncoders.open(config.imageEncoder()),
                config.images().isBlank() ? null : Path.of(config.images()), config.hiddenSize(), ctx.seed(), ctx.listener());
        String w = c.warning(name());
        if (w != null) System.err.println("genrec: warning: " + w);
        return c;
    }

    private TextItemInit fusedInit(TrainContext ctx) { return fusedCatalogue(ctx).init(); }

    /** A trained SASRec. */
    public static final class Fitted extends SequentialFitted {
        private final SasRecScorer scorer;

        Fitted(Provenance p, SasRecConfig config, int numItems, ParameterSet w) {
            super("sasrec", numItems, p, ConfigBinder.toParams(config), w);
            scorer = new SasRecScorer(w, config, numItems);
        }

        @Override
        protected void nextItemLogits(int[] history, float[] out) { scorer.score(history, out); }
    }
}
