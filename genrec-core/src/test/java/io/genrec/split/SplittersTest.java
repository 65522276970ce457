package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SplittersTest {
    private static Splitter create(String name, Map<String, String> params) {
        return Splitters.create(name, new Params(params, "test config"));
    }

    @Test
    void namesAndAliases() {
        assertInstanceOf(LeaveOneOutSplitter.class, create("leave-one-out", Map.of()));
        assertInstanceOf(LeaveOneOutSplitter.class, create("loo", Map.of()));
        assertInstanceOf(TemporalSplitter.class, create("temporal", Map.of()));
        assertInstanceOf(RandomHoldoutSplitter.class, create("random-holdout", Map.of()));
        assertInstanceOf(RandomHoldoutSplitter.class, create("Holdout", Map.of()));
        assertInstanceOf(StrongGeneralizationSplitter.class, create("strong-generalization", Map.of()));
    }

    @Test
    void parametersReachTheSplitAndItsDescription() {
        Dataset data = RandomDatasets.generate(30, RandomDatasets.Shape.MANY_USERS);
        assertEquals("random-holdout(test=0.3,valid=0.0,min-interactions=4,seed=9)",
                create("holdout", Map.of("test", "0.3", "valid", "0", "min-interactions", "4")).split(data, 9).description());
        assertEquals("leave-one-out(min-interactions=5,validation=true,seed=1)",
                create("loo", Map.of("min-interactions", "5")).split(data, 1).description());
        assertEquals("strong-generalization(heldout-users=2,target-fraction=0.25,min-interactions=4,seed=3)",
                create("strong-generalization", Map.of("heldout-users", "2", "target-fraction", "0.25", "min-interactions", "4"))
                        .split(data, 3).description());
        Dataset.Builder timed = new Dataset.Builder("timed");
        for (int t = 0; t < 20; t++) timed.add("u" + t % 3, "i" + t, 1, t);
        assertEquals("temporal(train=0.7,valid=0.2,test=0.1,seed=0)",
                create("temporal", Map.of("valid", "0.2")).split(timed.build(), 0).description());
    }

    @Test
    void unknownProtocolListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("kfold", Map.of()));
        assertTrue(e.getMessage().contains("kfold"), e.getMessage());
        for (String known : new String[] {"leave-one-out", "loo", "temporal", "random-holdout", "holdout", "strong-generalization"})
            assertTrue(e.getMessage().contains(known), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splitters.create(null, Params.empty()));
    }

    @Test
    void givenCannotBeCreatedFromParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("given", Map.of()));
        assertTrue(e.getMessage().contains("pre-split"), e.getMessage());
    }

    @Test
    void unknownOrBadParametersFailByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create("loo", Map.of("min-interaction", "4")));
        assertTrue(e.getMessage().contains("min-interaction"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> create("holdout", Map.of("test", "1.5")));
        assertTrue(e.getMessage().contains("'test'") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> create("strong-generalization", Map.of("heldout-users", "10", "heldout-fraction", "0.1")));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> create("temporal", Map.of("test", "abc")));
        assertTrue(e.getMessage().contains("test config") && e.getMessage().contains("'test'"), e.getMessage());
    }
}
