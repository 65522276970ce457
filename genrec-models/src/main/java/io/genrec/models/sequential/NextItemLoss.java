package io.genrec.models.sequential;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.Activation;
import io.genrec.models.training.OwnedArrays;

/**
 * The two next-item losses of the sequence models, computed on the hidden states of the real (non-padding) target
 * positions only.
 * <ul>
 * <li>{@link #SAMPLED_BCE}: binary cross-entropy of the target against one sampled negative per position (SASRec,
 * Kang &amp; McAuley 2018): {@code mean softplus(-h.e_pos) + mean softplus(h.e_neg)}.</li>
 * <li>{@link #FULL_SOFTMAX}: cross-entropy of a softmax over all items ({@code mean -log softmax(h E^T)[target]});
 * the loss of GRU4Rec's cross-entropy variant and of SASRec trained as in Klenitskiy &amp; Vasilev (RecSys 2023),
 * "Turning Dross Into Gold Loss: is BERT4Rec really better than SASRec?", where it is clearly stronger.</li>
 * </ul>
 */
public enum NextItemLoss {
    SAMPLED_BCE("bce"),
    FULL_SOFTMAX("ce");

    private final String key;

    NextItemLoss(String key) { this.key = key; }

    /** The command-line value ({@code bce} or {@code ce}). */
    public String key() { return key; }

    public static NextItemLoss parse(String s) {
        for (NextItemLoss l : values()) if (l.key.equalsIgnoreCase(s.trim())) return l;
        throw new IllegalArgumentException("loss must be 'bce' or 'ce', got '" + s + "'");
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
        NDArray h = rows(hidden, ids(m, valid, valid.length));
        NDArray tgt = ids(m, targets, targets.length);
        if (this == FULL_SOFTMAX) {
            NDArray logits = h.matMul(itemOutput.get(new NDIndex("0:" + numItems)).transpose());
            if (itemBias != null) logits = logits.add(itemBias);
            return logits.logSoftmax(1).gather(tgt.reshape(valid.length, 1), 1).mean().neg();
        }
        NDArray neg = ids(m, negatives, negatives.length);
        NDArray pos = h.mul(rows(itemOutput, tgt)).sum(new int[] {1});
        NDArray ngl = h.mul(rows(itemOutput, neg)).sum(new int[] {1});
        if (itemBias != null) {
            NDArray bias = itemBias.reshape(-1, 1);
            pos = pos.add(rows(bias, tgt).reshape(-1));
            ngl = ngl.add(rows(bias, neg).reshape(-1));
        }
        return Activation.softPlus(pos.neg()).mean().add(Activation.softPlus(ngl).mean());
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
