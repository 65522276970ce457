package io.genrec.models.visual;

import io.genrec.data.Dataset;
import io.genrec.model.ProgressListener;
import io.genrec.model.TrainContext;
import io.genrec.model.UserContext;
import io.genrec.models.training.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A planted preference only the visual term can recover: half the users like red items, half blue, and ten items
 * (30-39) were never interacted with, so their ID factors are untrained noise. VBPR must still rank a user's colour
 * first among those cold items through their pictures' features; the same model without features must not.
 */
class VbprPlantedTest {
    static final int ITEMS = 40, WARM = 30, USERS = 30;

    static Dataset data() {
        Random rng = new Random(3);
        Dataset.Builder b = new Dataset.Builder("planted-colour");
        for (int i = 0; i < ITEMS; i++) b.item("i" + i);
        for (int u = 0; u < USERS; u++) {
            b.user("u" + u);
            int colour = u % 2; // 0 likes red (even items), 1 likes blue (odd items)
            for (int k = 0; k < 8; k++) {
                int item = 2 * rng.nextInt(WARM / 2) + colour;
                b.add("u" + u, "i" + item, 1f, k);
            }
        }
        return b.build();
    }

    static float[][] features(Dataset d, boolean visible) {
        float[][] f = new float[ITEMS][3];
        Random rng = new Random(5);
        for (int i = 0; i < ITEMS; i++) {
            int item = Integer.parseInt(d.itemIds().externalId(i).substring(1));
            if (!visible) continue;
            f[i][item % 2] = 1f;
            f[i][2] = (float) rng.nextGaussian() * 0.1f; // an uninformative feature
        }
        return f;
    }

    /** Over users, the share of (liked-colour cold item, other-colour cold item) pairs ranked the right way. */
    static double coldPairAccuracy(Vbpr.Fitted m, Dataset d) {
        long right = 0, total = 0;
        float[] s = new float[m.numItems()];
        for (int u = 0; u < d.numUsers(); u++) {
            int colour = Integer.parseInt(d.userIds().externalId(u).substring(1)) % 2;
            m.scoreAll(UserContext.of(d, u), s);
            for (int i = 0; i < ITEMS; i++) {
                int a = Integer.parseInt(d.itemIds().externalId(i).substring(1));
                if (a < WARM || a % 2 != colour) continue;
                for (int j = 0; j < ITEMS; j++) {
                    int b = Integer.parseInt(d.itemIds().externalId(j).substring(1));
                    if (b < WARM || b % 2 == colour) continue;
                    total++;
                    if (s[i] > s[j]) right++;
                }
            }
        }
        return (double) right / total;
    }

    static Vbpr.Fitted fit(Dataset d, float[][] features) {
        TrainingConfig t = new TrainingConfig(40, 32, 0.05, 0, 0, 1, 10, 0);
        return Vbpr.fit(new TrainContext(d, null, 11, 1, ProgressListener.NONE), features, new VbprConfig(4, 2, t));
    }

    @Test
    void theVisualTermRecoversThePlantedColourPreferenceOnColdItems() {
        Dataset d = data();
        double withPictures = coldPairAccuracy(fit(d, features(d, true)), d);
        double without = coldPairAccuracy(fit(d, features(d, false)), d);
        assertTrue(withPictures > 0.95, "VBPR with features ranked " + withPictures + " of cold pairs right");
        assertTrue(without < 0.8, "without features the cold items should be guesswork, got " + without);
    }
}
