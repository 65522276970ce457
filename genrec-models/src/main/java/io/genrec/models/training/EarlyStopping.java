package io.genrec.models.training;

/**
 * Tracks the best validation value (higher is better) and says when {@code patience} validations in a row brought
 * no improvement. Patience 0 never stops.
 */
public final class EarlyStopping {
    private final int patience;
    private double best = Double.NEGATIVE_INFINITY;
    private int bestEpoch = -1;
    private int sinceBest;

    public EarlyStopping(int patience) { this.patience = patience; }

    /** Records a validation value; returns true when it is a new best. */
    public boolean record(int epoch, double value) {
        if (value > best) {
            best = value;
            bestEpoch = epoch;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    public boolean shouldStop() { return patience > 0 && sinceBest >= patience; }

    public double best() { return best; }

    public int bestEpoch() { return bestEpoch; }
}
