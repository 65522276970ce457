package io.genrec.model;

import io.genrec.data.Dataset;
import io.genrec.data.prep.Preprocessing;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** A saved model's data binding accepts exactly the data it was fitted on and names what differs otherwise. */
class DataBindingTest {
    private static Dataset data(String... itemsOfUser1) {
        Dataset.Builder b = new Dataset.Builder("d");
        b.add("u0", "a", 1f, 1);
        for (int i = 0; i < itemsOfUser1.length; i++) b.add("u1", itemsOfUser1[i], 1f, 2 + i);
        return b.build();
    }

    @Test
    void acceptsTheSameDataAndNamesTheFirstDifferingId() {
        Dataset fitted = data("b", "c");
        DataBinding binding = DataBinding.of("spec", "none", Preprocessing.NONE, fitted, "s");
        binding.check(data("b", "c"), java.nio.file.Path.of("m"));
        var e = assertThrows(IllegalArgumentException.class, () -> binding.check(data("c", "b"), java.nio.file.Path.of("m")));
        assertTrue(e.getMessage().contains("first differing item id at position 1: 'b' in the model, 'c' in the data"), e.getMessage());
        assertTrue(e.getMessage().contains(fitted.contentHash()) && e.getMessage().contains(data("c", "b").contentHash()), e.getMessage());
        var more = assertThrows(IllegalArgumentException.class, () -> binding.check(data("b", "c", "d"), java.nio.file.Path.of("m")));
        assertTrue(more.getMessage().contains("the model has 3 items, the data 4"), more.getMessage());
    }

    @Test
    void reappliesTheStoredPreprocessing() {
        Dataset.Builder b = new Dataset.Builder("r");
        b.add("u0", "a", 5f, 1).add("u0", "b", 2f, 2).add("u1", "a", 4f, 3);
        Dataset raw = b.build();
        Preprocessing p = new Preprocessing(4f, 0, 1, Preprocessing.DuplicatePolicy.KEEP_ALL);
        Dataset prepared = p.apply(raw);
        DataBinding binding = DataBinding.of("spec", "4", p, prepared, "s");
        assertEquals(prepared.contentHash(), binding.reapply(raw).contentHash());
        assertEquals(java.util.List.of("a"), binding.items());
    }
}
