package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.Activation;
import io.genrec.models.training.OwnedArrays;
import io.genrec.models.training.TorchScalar;

/**
 * The two next-item losses of the sequence models, computed on the hidden states of the real (non-padding) target
 * positions only.
 * <ul>
 * <li>{@link #SAMPLED_BCE}: binary cross-entropy of the target against one sampled negative per position (SASRec,
 * Kang &amp; McAuley 2018): {@code mean softplus(-h.e_pos) + mean softplus(h.e_neg)}.</li>
 * <li>{@link #FULL_SOFTMAX}: cross-entropy of a softmax over all items ({@code mean -log softmax(h E^T)[target]});
 * the loss of GRU4Rec's cross-entropy variant and of SASRec trained as in Klenitskiy &amp; Vasilev (RecSys 2023),
 * "Turning Dross Into Gold Loss: is BERT4Rec really better than SASRec?", where it is clearly stronger.</li>
 * <li>{@link #BPR_MAX}: GRU4Rec's BPR-max (Hidasi &amp; Karatzoglou, CIKM 2018, "Recurrent Neural Networks with Top-k
 * Gains for Session-based Recommendations"): the batch's sampled negatives (one drawn per position, outside that
 * row's sequence) are shared by every position, as GRU4Rec's mini-batch negatives;
 * {@code -log sum_j s_j sigmoid(r_target - r_j) + bpreg * sum_j s_j r_j^2} with {@code s = softmax(r_j)} over the
 * negatives.</li>
 * </ul>
 */
public enum NextItemLoss {
    SAMPLED_BCE("bce"),
    FULL_SOFTMAX("ce"),
    BPR_MAX("bpr-max");

    private final String key;

    NextItemLoss(String key) { this.key = key; }

    /** The command-line value ({@code bce} or {@code ce}). */
    public String key() { return key; }

    /** Whether the loss reads sampled negatives. */
    public boolean usesNegatives() { return this != FULL_SOFTMAX; }

    public static NextItemLoss parse(String s) {
        for (NextItemLoss l : values()) if (l.key.equalsIgnoreCase(s.trim())) return l;
        throw new IllegalArgumentException("loss must be 'bce', 'ce' or 'bpr-max', got '" + s + "'");
    }

    /**
     * The mean loss over {@code valid.length} positions.
     *
     * @param hidden     {@code [positions, d]} hidden states (any positions; {@code valid} picks the rows used)
     * @param valid      row indices of {@code hidden} whose target is a real item
     * @param targets    the target item of each valid row
     * @param negatives  one sampled negative per valid row (only read by {@link #SAMPLED_BCE})
     * @param itemOutput {@code [>= numItems, d]} output item vectors (rows past {@code numItems}, e.g. padding, ignored)
     * @param itemBias   {@code [numItems]} output biases, or null for none
     */
    public NDArray loss(NDManager m, NDArray hidden, int[] valid, int[] targets, int[] negatives, NDArray itemOutput,
                        NDArray itemBias, int numItems) {
        return loss(m, hidden, valid, targets, negatives, itemOutput, itemBias, numItems, DEFAULT_BPREG);
    }

    /** BPR-max's default score regularisation (GRU4Rec's reference implementation). */
    public static final double DEFAULT_BPREG = 1.0;

    /** As {@link #loss(NDManager, NDArray, int[], int[], int[], NDArray, NDArray, int)} with BPR-max's {@code bpreg}. */
    public NDArray loss(NDManager m, NDArray hidden, int[] valid, int[] targets, int[] negatives, NDArray itemOutput,
                        NDArray itemBias, int numItems, double bpreg) {
        NDArray h = rows(hidden, ids(m, valid, valid.length));
        NDArray tgt = ids(m, targets, targets.length);
        if (this == FULL_SOFTMAX) {
            NDArray logits = h.matMul(itemOutput.get(new NDIndex("0:" + numItems)).transpose());
            if (itemBias != null) logits = logits.add(itemBias);
            return logits.logSoftmax(1).gather(tgt.reshape(valid.length, 1), 1).mean().neg();
        }
        NDArray neg = ids(m, negatives, negatives.length);
        if (this == BPR_MAX) return bprMax(h, tgt, neg, itemOutput, itemBias, bpreg);
        NDArray pos = h.mul(rows(itemOutput, tgt)).sum(new int[] {1});
        NDArray ngl = h.mul(rows(itemOutput, neg)).sum(new int[] {1});
        if (itemBias != null) {
            NDArray bias = itemBias.reshape(-1, 1);
            pos = pos.add(rows(bias, tgt).reshape(-1));
            ngl = ngl.add(rows(bias, neg).reshape(-1));
        }
        return Activation.softPlus(pos.neg()).mean().add(Activation.softPlus(ngl).mean());
    }

    /** BPR-max over the shared negatives: {@code [P, P]} negative scores, softmax weights per position. */
    private static NDArray bprMax(NDArray h, NDArray tgt, NDArray neg, NDArray itemOutput, NDArray itemBias, double bpreg) {
        NDArray pos = h.mul(rows(itemOutput, tgt)).sum(new int[] {1}, true);
        NDArray negScores = h.matMul(rows(itemOutput, neg).transpose());
        if (itemBias != null) {
            NDArray bias = itemBias.reshape(-1, 1);
            pos = pos.add(rows(bias, tgt).reshape(-1, 1));
            negScores = negScores.add(rows(bias, neg).reshape(1, -1));
        }
        NDArray weights = negScores.softmax(1);
        NDArray ranked = weights.mul(Activation.sigmoid(pos.sub(negScores))).sum(new int[] {1});
        NDArray nll = ranked.add(TorchScalar.of(ranked, 1e-10)).log().neg();
        if (bpreg == 0) return nll.mean();
        NDArray reg = weights.mul(negScores.square()).sum(new int[] {1});
        return nll.add(reg.mul(TorchScalar.of(reg, bpreg))).mean();
    }

    /**
     * Rows {@code ids} of {@code table} (shape of {@code ids} plus the row width), through PyTorch's embedding op,
     * whose backward is a plain accumulation into the selected rows.
     */
    static NDArray rows(NDArray table, NDArray ids) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).get(0);
    }

    static long[] toLong(int[] a) {
        long[] l = new long[a.length];
        for (int i = 0; i < a.length; i++) l[i] = a[i];
        return l;
    }

    /** Creates an int64 array of {@code shape} from int ids (the index type the PyTorch engine expects). */
    static NDArray ids(NDManager m, int[] ids, long... shape) { return OwnedArrays.longs(m, toLong(ids), shape); }
}
