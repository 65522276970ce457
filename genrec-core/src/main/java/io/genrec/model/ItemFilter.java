package io.genrec.model;

import java.util.BitSet;

/** Which items may be recommended. Implementations must be cheap: they run once per item per request. */
@FunctionalInterface
public interface ItemFilter {
    boolean accepts(int item);

    ItemFilter ALL = item -> true;

    /** Accepts every item not in {@code excluded}. */
    static ItemFilter excluding(int... excluded) {
        BitSet bits = new BitSet();
        for (int i : excluded) bits.set(i);
        return item -> !bits.get(item);
    }

    default ItemFilter and(ItemFilter other) { return item -> accepts(item) && other.accepts(item); }
}
