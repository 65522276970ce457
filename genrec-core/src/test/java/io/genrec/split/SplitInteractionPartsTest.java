package io.genrec.split;

import io.genrec.config.Params;
import io.genrec.data.Dataset;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Split#interactionParts()} holds each interaction of a split once, whether the phases' histories are the
 * training data, train + validation, or fold-in parts of held-out users: the union of the parts is the split data.
 */
class SplitInteractionPartsTest {

    @Test
    void partsHoldEveryInteractionOnceForEveryProtocol() {
        for (String protocol : List.of("leave-one-out", "random-holdout", "temporal", "strong-generalization")) {
            Map<String, String> p = protocol.equals("strong-generalization") ? Map.of("heldout-users", "4") : Map.of();
            RandomDatasets.forEach("parts " + protocol, 20, RandomDatasets.Shape.MANY_USERS, c -> {
                Split s;
                try {
                    s = Splitters.create(protocol, new Params(p, protocol)).split(c.data(), c.seed());
                } catch (IllegalArgumentException tooSmall) {
                    return; // a data set too small for the protocol says so; nothing to compare
                }
                Dataset all = s.allInteractions("all");
                // strong generalisation drops held-out rows of items unseen in training: there the split's data is
                // train plus each phase's fold-in and targets, which must all be present exactly once
                List<String> expected = new ArrayList<>();
                if (protocol.equals("strong-generalization")) {
                    for (Dataset d : List.of(s.train(), s.validation().history(), s.validation().targets(), s.test().history(), s.test().targets()))
                        expected.addAll(rows(d));
                    Collections.sort(expected);
                } else {
                    expected = rows(c.data());
                }
                assertEquals(expected, rows(all), protocol + ": the parts' union is the split data");
                assertEquals(all.contentHash(), Dataset.unionHash(s.interactionParts()));
            });
        }
    }

    /** Each interaction as text, sorted: the multiset of rows. */
    private static List<String> rows(Dataset d) {
        List<String> out = new ArrayList<>();
        for (int u = 0; u < d.numUsers(); u++)
            for (int k = d.userPointers()[u]; k < d.userPointers()[u + 1]; k++)
                out.add(d.userIds().externalId(u) + " " + d.itemIds().externalId(d.itemIndices()[k]) + " " + d.values()[k] + " " + d.timestamps()[k]);
        Collections.sort(out);
        return out;
    }
}
