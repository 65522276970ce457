package io.genrec.models.sequential;

import io.genrec.data.Dataset;
import io.genrec.models.baseline.MostPopularConfig;
import io.genrec.models.baseline.MostPopularRecommender;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sequence models' bar (planted next item first for > 0.8 of users) must be out of MostPopular's reach. */
class NextItemBarTest {
    @Test
    void mostPopularDoesNotClearTheNextItemBar() {
        Dataset d = SequenceTestData.cyclic(80, 24, 4, 14, 3);
        double top1 = SequenceTestData.nextItemTop1(new MostPopularRecommender(MostPopularConfig.defaults()).fit(SequenceTestData.ctx(d, 7)), d);
        assertTrue(top1 < 0.3, "MostPopular ranks the planted next item first for " + top1 + " of users");
    }
}
