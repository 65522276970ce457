package io.genrec.cli;

import io.genrec.config.Params;
import io.genrec.experiment.ProtocolCheck;
import io.genrec.model.Capability;
import io.genrec.model.Recommender;
import io.genrec.model.RecommenderRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Over every model on the class path: each declares its capabilities before fitting (what the protocol checks read;
 * each model's own contract test checks the declaration equals the fitted model's), and the declaration leads to a
 * protocol it can run under, so {@code eval --models NAME} with no protocol never refuses.
 */
class RegistryCapabilitiesTest {
    @Test
    void everyRegisteredModelDeclaresItsCapabilitiesAndGetsAProtocol() {
        RecommenderRegistry registry = RecommenderRegistry.load();
        assertFalse(registry.providers().isEmpty());
        for (String name : registry.providers().keySet()) {
            Recommender r = registry.create(name, Params.empty());
            assertFalse(r.capabilities().isEmpty(), name + " declares nothing before fitting");
            var choice = ProtocolCheck.choose("auto", false, List.of(r));
            assertEquals(r.capabilities().contains(Capability.SEQUENTIAL) ? "leave-one-out" : "random-holdout", choice.protocol(), name);
            if (!r.capabilities().contains(Capability.FOLD_IN))
                assertThrows(IllegalArgumentException.class, () -> ProtocolCheck.choose("strong-generalization", false, List.of(r)), name);
        }
    }
}
