package io.genrec.models.semanticid;

import io.genrec.data.Dataset;
import io.genrec.split.LeaveOneOutSplitter;
import io.genrec.split.Split;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Leave-one-out leak check on TIGER's real example builder ({@link TigerNetwork#example}): on the train part of a
 * leave-one-out split, no training example of a user has that user's validation or test item as its target or
 * among the items its encoder reads. The encoder tokens are decoded back to items through the (unique) semantic
 * IDs, so the check reads what the loss sees, not a parallel bookkeeping.
 */
class TigerLeakTest {
    static final int ITEMS = 24, USERS = 40;

    /** Users with distinct items each (so "the held-out item" is one interaction), histories of 3..14 items. */
    static Dataset distinctHistories(long seed) {
        Random r = new Random(seed);
        Dataset.Builder b = new Dataset.Builder("leak");
        for (int i = 0; i < ITEMS; i++) b.item("i" + i);
        for (int u = 0; u < USERS; u++) {
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) items.add(i);
            java.util.Collections.shuffle(items, r);
            int len = 3 + r.nextInt(12);
            for (int k = 0; k < len; k++) b.add("u" + u, "i" + items.get(k), 1f, 1000L * u + k);
        }
        return b.build();
    }

    @Test
    void trainingExamplesNeverSeeTheValidationOrTestItem() {
        Dataset all = distinctHistories(11);
        Split split = new LeaveOneOutSplitter().split(all, 1);
        // maxLen 8 < the longest history, so the window truncation is exercised too
        TigerConfig config = TigerTest.small(1);
        int L = config.idLength(), K = config.codes();
        int[][] ids = new int[ITEMS][];
        Map<String, Integer> itemOfId = new HashMap<>();
        for (int i = 0; i < ITEMS; i++) {
            ids[i] = new int[] {i / (K * K), (i / K) % K, i % K};
            itemOfId.put(Arrays.toString(ids[i]), i);
        }
        Dataset train = split.train();
        TigerNetwork net = new TigerNetwork(config, ids, train);

        // held-out items per user id, read from the split's own target sets
        Map<String, List<String>> heldOut = new HashMap<>();
        for (Dataset targets : List.of(split.validation().targets(), split.test().targets()))
            for (int u = 0; u < targets.numUsers(); u++)
                for (int it : targets.itemsOf(u))
                    heldOut.computeIfAbsent(targets.userIds().externalId(u), k -> new ArrayList<>()).add(targets.itemIds().externalId(it));
        assertEquals(USERS, heldOut.size());
        heldOut.values().forEach(v -> assertEquals(2, v.size(), "one validation and one test item per user"));

        int len = net.encoderLength();
        int[] enc = new int[len], dec = new int[L];
        int expectedRows = 0;
        for (int u = 0; u < train.numUsers(); u++) expectedRows += Math.max(0, train.historyLength(u) - 1);
        assertEquals(expectedRows, net.numRows(), "one example per training item after a user's first");
        int inputs = 0;
        for (int r = 0; r < net.numRows(); r++) {
            int u = net.rowUser(r);
            String user = train.userIds().externalId(u);
            List<String> forbidden = heldOut.get(user);
            int target = net.example(r, enc, 0, len, dec, 0);
            assertFalse(forbidden.contains(train.itemIds().externalId(target)), "row " + r + " of " + user + " targets a held-out item");
            // decoder input: start token, then the target's own first L-1 tokens (teacher forcing, no other item)
            assertEquals(net.bos(), dec[0]);
            for (int l = 0; l + 1 < L; l++) assertEquals(l * K + ids[target][l], dec[l + 1]);
            int o = 0;
            while (enc[o] == net.pad()) o++;
            assertEquals(net.userToken(u), enc[o++], "the user token precedes the history");
            for (; o < len; o += L) {
                int[] id = new int[L];
                for (int l = 0; l < L; l++) id[l] = enc[o + l] - l * K;
                Integer item = itemOfId.get(Arrays.toString(id));
                assertNotNull(item, "encoder tokens at " + o + " of row " + r + " are not a real item's ID");
                String itemId = train.itemIds().externalId(item);
                assertFalse(forbidden.contains(itemId), "row " + r + " of " + user + " reads held-out item " + itemId);
                assertNotEquals(target, (int) item, "row " + r + " reads its own target");
                inputs++;
            }
        }
        assertTrue(inputs > net.numRows(), "examples read history items");
    }
}
