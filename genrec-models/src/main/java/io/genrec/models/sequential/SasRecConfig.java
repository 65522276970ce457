package io.genrec.models.sequential;

import io.genrec.config.ConfigBinder;
import io.genrec.config.Param;
import io.genrec.models.training.TrainingConfig;

/**
 * Hyperparameters of SASRec (Kang &amp; McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018). Defaults are
 * the paper's for the Amazon sets: 2 self-attention blocks, 1 head, hidden size 50, maximum length 50, dropout 0.2,
 * Adam lr 1e-3, batch 128, binary cross-entropy with one sampled negative per position, up to 200 epochs. The paper
 * uses maximum length 200 for MovieLens-1M ({@code max_len=200}) and dropout 0.5 for Beauty ({@code dropout=0.5}).
 * GenRec additions: model selection by full-ranking validation NDCG@10 every epoch with patience 10 (the paper
 * evaluates every 20 epochs on 100 sampled negatives), and the full-softmax loss option {@code loss=ce}
 * (Klenitskiy &amp; Vasilev 2023), and text-initialised item embeddings {@code item_init=text}: the item embedding
 * table starts from the catalogue's text embeddings (MiniLM over the item's title, categories, attributes and text)
 * reduced to {@code hidden_size} by a seeded PCA and rescaled to the random initialisation's scale; items without
 * text keep random rows ({@link io.genrec.models.training.TextItemInit}). This is the "LLM features for
 * recommenders" pattern of the Gen-RecSys survey (Deldjoo et al., KDD 2024), a training-free cousin of UniSRec's
 * text-based item representations (Hou et al., KDD 2022). It needs an {@link io.genrec.model.ItemTextEmbedder} on
 * the class path (genrec-llm). {@code item_init=fused} starts from text and picture together
 * ({@link io.genrec.models.visual.MultimodalItemInit}: the L2-normalised text and image vectors concatenated, each half
 * weighted equally, then reduced by the same PCA), with the pictures in {@code images} encoded by {@code image_encoder}.
 * The negatives of {@code loss=bce} are uniform by default ({@code negatives=uniform},
 * the paper's); {@code negatives=irgan} draws them from an IRGAN generator trained against the model
 * ({@link IrganNegatives}, settings {@code irgan_*} in {@link NegativeSamplingConfig}).
 *
 * @param hiddenSize embedding and hidden width d
 * @param blocks     number of self-attention blocks
 * @param heads      attention heads (must divide hiddenSize)
 * @param maxLen     history length used; longer histories keep their most recent part
 * @param dropout    dropout on embeddings, attention weights and feed-forward outputs
 * @param loss       {@code bce} ({@link NextItemLoss#SAMPLED_BCE}, the paper's) or {@code ce} ({@link NextItemLoss#FULL_SOFTMAX});
 *                   kept as its command-line string so provenance survives a save/load round trip unchanged
 * @param itemInit   {@code random} (Xavier-normal, the default), {@code text} or {@code fused} (see above)
 * @param negatives  how {@code loss=bce} samples negatives ({@code irgan} needs {@code loss=bce})
 * @param images     folder of item pictures for {@code item_init=fused} ({@code <item id>.jpg|.jpeg|.png})
 * @param imageEncoder image encoder spec for {@code item_init=fused} ({@link io.genrec.image.ImageEncoders#open})
 */
public record SasRecConfig(@Param(min = 1) int hiddenSize,
                           @Param(min = 1) int blocks,
                           @Param(min = 1) int heads,
                           @Param(min = 1) int maxLen,
                           @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                           @Param(doc = "bce or ce") String loss,
                           TrainingConfig training,
                           @Param(choices = {SasRecConfig.INIT_RANDOM, SasRecConfig.INIT_TEXT, SasRecConfig.INIT_FUSED}) String itemInit,
                           NegativeSamplingConfig negatives,
                           @Param(when = "item_init=fused", doc = "folder of item pictures <item id>.jpg|.jpeg|.png") String images,
                           @Param(when = "item_init=fused", doc = "image encoder spec: histogram[:BINS], onnx-clip:DIR, contrastive:DIR") String imageEncoder) {
    public static final String INIT_RANDOM = "random", INIT_TEXT = "text", INIT_FUSED = "fused";
    /** The picture settings' defaults (used only with {@code item_init=fused}). */
    static final String NO_IMAGES = "", DEFAULT_IMAGE_ENCODER = "histogram";

    public SasRecConfig {
        ConfigBinder.check(SasRecConfig.class, hiddenSize, blocks, heads, maxLen, dropout, loss, training, itemInit, negatives, images, imageEncoder);
        if (heads < 1 || hiddenSize % heads != 0)
            throw new IllegalArgumentException("heads must be >= 1 and divide hidden_size " + hiddenSize + ", got " + heads);
        if (NextItemLoss.parse(String.valueOf(loss)) == NextItemLoss.BPR_MAX)
            throw new IllegalArgumentException("sasrec loss must be 'bce' or 'ce', got '" + loss + "'");
        if (negatives.isIrgan() && NextItemLoss.parse(loss) != NextItemLoss.SAMPLED_BCE)
            throw new IllegalArgumentException("negatives=irgan needs loss=bce (loss=" + loss + " samples no negatives)");
    }

    /** A configuration without picture settings (they matter only for {@code item_init=fused}). */
    public SasRecConfig(int hiddenSize, int blocks, int heads, int maxLen, double dropout, String loss, TrainingConfig training,
                        String itemInit, NegativeSamplingConfig negatives) {
        this(hiddenSize, blocks, heads, maxLen, dropout, loss, training, itemInit, negatives, NO_IMAGES, DEFAULT_IMAGE_ENCODER);
    }

    /** A configuration with uniform negatives. */
    public SasRecConfig(int hiddenSize, int blocks, int heads, int maxLen, double dropout, String loss, TrainingConfig training,
                        String itemInit) {
        this(hiddenSize, blocks, heads, maxLen, dropout, loss, training, itemInit, NegativeSamplingConfig.uniform());
    }

    /** A configuration with random item initialisation and uniform negatives. */
    public SasRecConfig(int hiddenSize, int blocks, int heads, int maxLen, double dropout, String loss, TrainingConfig training) {
        this(hiddenSize, blocks, heads, maxLen, dropout, loss, training, INIT_RANDOM);
    }

    /** A copy with {@code item_init} set. */
    public SasRecConfig withItemInit(String init) {
        return new SasRecConfig(hiddenSize, blocks, heads, maxLen, dropout, loss, training, init, negatives, images, imageEncoder);
    }

    /** A copy with the negative sampling set. */
    public SasRecConfig withNegatives(NegativeSamplingConfig n) {
        return new SasRecConfig(hiddenSize, blocks, heads, maxLen, dropout, loss, training, itemInit, n, images, imageEncoder);
    }

    /** A copy that starts from fused text + image rows, the pictures in {@code images} encoded by {@code imageEncoder}. */
    public SasRecConfig withFusedInit(String images, String imageEncoder) {
        return new SasRecConfig(hiddenSize, blocks, heads, maxLen, dropout, loss, training, INIT_FUSED, negatives, images, imageEncoder);
    }

    /** Whether the item table starts from text embeddings. */
    public boolean textInit() { return INIT_TEXT.equals(itemInit); }

    /** Whether the item table starts from fused text + image embeddings. */
    public boolean fusedInit() { return INIT_FUSED.equals(itemInit); }

    public static SasRecConfig defaults() {
        return new SasRecConfig(50, 2, 1, 50, 0.2, NextItemLoss.SAMPLED_BCE.key(),
                new TrainingConfig(200, 128, 1e-3, 0.0, 10, 1, 10, 0));
    }

    /** The loss as its enum. */
    public NextItemLoss lossFunction() { return NextItemLoss.parse(loss); }
}
