package io.genrec.models.sequential;

import io.genrec.config.Params;
import io.genrec.models.training.NeuralArchive;
import io.genrec.models.training.TrainingConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyperparameters of BERT4Rec (Sun et al., "BERT4Rec: Sequential Recommendation with Bidirectional Encoder
 * Representations from Transformer", CIKM 2019). Defaults are the paper's: 2 layers, 2 heads, hidden size 64 (feed-
 * forward 4x), maximum length 50 for the Amazon sets (200 for MovieLens: {@code max_len=200}), dropout 0.1, Cloze
 * mask proportion 0.6 for Beauty (0.2 for MovieLens: {@code mask_prob=0.2}), Adam lr 1e-4, batch 256. Deviations:
 * the paper trains a fixed 400,000 steps; here up to 200 epochs with validation NDCG@10 early stopping (patience
 * 10). The paper's optimiser is BERT's Adam with decoupled weight decay 0.01; the shared loop only has L2 added to
 * the gradient, a much stronger penalty under Adam (a capped Beauty run with {@code weight_decay=0.01} plateaued at a
 * training loss of 8.98 from its second epoch on), so the default here is no weight decay. Masked positions always
 * get the mask token (no BERT 80/10/10 replacement, as the paper).
 *
 * @param hiddenSize embedding and hidden width
 * @param blocks     transformer layers
 * @param heads      attention heads (must divide hiddenSize)
 * @param maxLen     window length including the mask token appended at inference
 * @param dropout    dropout on embeddings, attention weights and sub-layer outputs
 * @param maskProb   probability that a training position is masked (at least one per sequence)
 */
public record Bert4RecConfig(int hiddenSize, int blocks, int heads, int maxLen, double dropout, double maskProb,
                             TrainingConfig training) {
    public Bert4RecConfig {
        if (hiddenSize < 1) throw new IllegalArgumentException("hidden_size must be >= 1, got " + hiddenSize);
        if (blocks < 1) throw new IllegalArgumentException("blocks must be >= 1, got " + blocks);
        if (heads < 1 || hiddenSize % heads != 0)
            throw new IllegalArgumentException("heads must be >= 1 and divide hidden_size " + hiddenSize + ", got " + heads);
        if (maxLen < 2) throw new IllegalArgumentException("max_len must be >= 2 (history plus mask token), got " + maxLen);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0,1), got " + dropout);
        if (!(maskProb > 0 && maskProb <= 1)) throw new IllegalArgumentException("mask_prob must be in (0,1], got " + maskProb);
        if (training == null) throw new IllegalArgumentException("training must not be null");
    }

    public static Bert4RecConfig defaults() {
        return new Bert4RecConfig(64, 2, 2, 50, 0.1, 0.6, new TrainingConfig(200, 256, 1e-4, 0.0, 10, 1, 10, 0));
    }

    /** Keys {@code hidden_size, blocks, heads, max_len, dropout, mask_prob} plus the training loop's keys. */
    public static Bert4RecConfig from(Params p, Bert4RecConfig def) {
        return new Bert4RecConfig(p.getInt("hidden_size", def.hiddenSize), p.getInt("blocks", def.blocks),
                p.getInt("heads", def.heads), p.getInt("max_len", def.maxLen), p.getDouble("dropout", def.dropout),
                p.getDouble("mask_prob", def.maskProb), TrainingConfig.from(p, def.training));
    }

    public Map<String, String> toParams() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden_size", Integer.toString(hiddenSize));
        m.put("blocks", Integer.toString(blocks));
        m.put("heads", Integer.toString(heads));
        m.put("max_len", Integer.toString(maxLen));
        m.put("dropout", Double.toString(dropout));
        m.put("mask_prob", Double.toString(maskProb));
        m.putAll(NeuralArchive.toParams(training));
        return m;
    }
}
