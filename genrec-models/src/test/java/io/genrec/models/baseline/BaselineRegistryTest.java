package io.genrec.models.baseline;

import io.genrec.config.Params;
import io.genrec.model.RecommenderRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class BaselineRegistryTest {
    @Test
    void allBaselinesAreRegisteredByName() {
        RecommenderRegistry registry = RecommenderRegistry.load();
        for (String name : new String[] {"mostpop", "itemknn", "ease", "als"})
            assertEquals(name, registry.create(name, Params.empty()).name());
    }
}
