package io.genrec.split;

import io.genrec.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.genrec.split.SplitAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class StrongGeneralizationSplitterTest {
    private static final StrongGeneralizationSplitter DEFAULT = new StrongGeneralizationSplitter();

    /**
     * Twenty users, each with ten shared items and one item only they have: held-out users lose their own item
     * (unseen in train), training users keep it.
     */
    @Test
    void handMadeDropsItemsUnseenInTrain() {
        Dataset.Builder b = new Dataset.Builder("hand");
        for (int u = 0; u < 20; u++) {
            for (int i = 0; i < 10; i++) b.add("u" + u, "shared" + i, 1, i);
            b.add("u" + u, "own" + u, 1, 99);
        }
        Dataset data = b.build();
        Split s = DEFAULT.split(data, 42);
        assertEquals("strong-generalization(heldout-fraction=0.1,target-fraction=0.2,min-interactions=5,seed=42)", s.description());
        assertEquals(16, activeUsers(s.train()).size(), "round(0.1 * 20) = 2 users each for validation and test");
        for (EvalSet set : List.of(s.validation(), s.test())) {
            assertEquals(2, set.evaluatedUsers().length);
            for (int u : set.evaluatedUsers()) {
                assertEquals(2, set.targets().historyLength(u), "floor(0.2 * 10 kept interactions)");
                assertEquals(8, set.history().historyLength(u));
                for (String item : externalItems(set.history(), u)) assertTrue(item.startsWith("shared"), item);
                for (String item : externalItems(set.targets(), u)) assertTrue(item.startsWith("shared"), item);
                assertEquals(0, s.train().historyLength(u));
            }
        }
        for (int u : activeUsers(s.train())) assertEquals(11, s.train().historyLength(u), "training users keep everything");
    }

    @Test
    void heldoutUsersByCount() {
        Dataset data = RandomDatasets.generate(4, RandomDatasets.Shape.MANY_USERS);
        int active = activeUsers(data).size();
        Split s = StrongGeneralizationSplitter.withHeldoutUsers(3, 0.2, 5).split(data, 9);
        assertEquals(active - 6, activeUsers(s.train()).size());
        assertTrue(s.description().contains("heldout-users=3"), s.description());
    }

    @Test
    void tooManyHeldoutUsersIsAClearError() {
        Dataset data = RandomDatasets.generate(4, RandomDatasets.Shape.MANY_USERS);
        int active = activeUsers(data).size();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StrongGeneralizationSplitter.withHeldoutUsers(active / 2, 0.2, 5).split(data, 0));
        assertTrue(e.getMessage().contains("heldout-users=" + active / 2) && e.getMessage().contains(data.name()), e.getMessage());
    }

    @Test
    void propertiesOnRandomData() {
        RandomDatasets.forEach("strong-generalization", 200, RandomDatasets.Shape.MANY_USERS, c -> {
            Dataset data = c.data();
            int active = activeUsers(data).size(), h = (int) Math.round(0.1 * active);
            if (h < 1) {
                assertThrows(IllegalArgumentException.class, () -> DEFAULT.split(data, c.seed()));
                return;
            }
            Split s = DEFAULT.split(data, c.seed());
            assertSameIds(data, s);
            Set<Integer> trainUsers = activeUsers(s.train());
            Set<Integer> validUsers = usersOf(s.validation()), testUsers = usersOf(s.test());
            assertTrue(disjoint(trainUsers, validUsers) && disjoint(trainUsers, testUsers) && disjoint(validUsers, testUsers),
                    "train, validation and test users must be disjoint");
            for (int u : trainUsers) assertEquals(data.historyLength(u), s.train().historyLength(u), "training users keep all");
            assertEquals(active - 2 * h, trainUsers.size(), "2 × round(0.1 × active users) users are held out");

            Set<Integer> trainItems = new HashSet<>();
            for (int i : s.train().itemIndices()) trainItems.add(i);
            List<Row> expected = interactions(data);
            List<Row> kept = interactions(s.train(), s.validation().history(), s.validation().targets(), s.test().history(), s.test().targets());
            List<Row> dropped = new ArrayList<>();
            for (Row r : expected) if (!trainUsers.contains(r.user()) && !trainItems.contains(r.item())) dropped.add(r);
            List<Row> keptAndDropped = new ArrayList<>(kept);
            keptAndDropped.addAll(dropped);
            Collections.sort(keptAndDropped);
            assertSameRows(expected, keptAndDropped, "exactly the held-out interactions with items unseen in train are dropped");

            for (EvalSet set : List.of(s.validation(), s.test())) {
                assertNoTargetInHistory(set);
                for (int i : set.targets().itemIndices()) assertTrue(trainItems.contains(i), "target item " + i + " unseen in train");
                for (int u = 0; u < data.numUsers(); u++) {
                    int targets = set.targets().historyLength(u), m = targets + set.history().historyLength(u);
                    assertEquals(m >= 5 ? (int) (0.2 * m) : 0, targets, set.name() + " user " + u + " with " + m + " kept interactions");
                    assertTrue(m < 5 || Math.abs(targets - 0.2 * m) < 1, "about 20% targets");
                }
            }
        });
    }

    @Test
    void seedDecides() {
        Dataset data = RandomDatasets.generate(8, RandomDatasets.Shape.MANY_USERS);
        assertSameSplit(DEFAULT.split(data, 1), DEFAULT.split(data, 1));
        assertNotEquals(DEFAULT.split(data, 1).train().contentHash(), DEFAULT.split(data, 2).train().contentHash());
    }

    private static Set<Integer> usersOf(EvalSet set) {
        Set<Integer> out = new HashSet<>(activeUsers(set.history()));
        out.addAll(activeUsers(set.targets()));
        return out;
    }

    private static boolean disjoint(Set<Integer> a, Set<Integer> b) {
        Set<Integer> c = new HashSet<>(a);
        c.retainAll(b);
        return c.isEmpty();
    }
}
