package io.genrec.llm.dense;

import io.genrec.data.Dataset;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The contract's two-cluster data with item text: even items are comedies, odd items horror films, and users of
 * cluster c mostly (90%) interact with items of parity c.
 */
final class TitledData {
    private static final String[] COMEDY = {"laugh-out-loud comedy about clumsy friends", "funny romantic comedy at a wedding",
            "hilarious slapstick comedy road trip", "silly comedy about a talking dog"};
    private static final String[] HORROR = {"terrifying horror film about a haunted house", "scary ghost story in an old hospital",
            "gory slasher horror in a dark forest", "creepy demon possession horror"};

    private TitledData() { }

    static Item item(int i) {
        boolean comedy = i % 2 == 0;
        String title = (comedy ? COMEDY : HORROR)[(i / 2) % 4] + " " + (i / 8 + 1);
        return new Item("i" + i, title, List.of(comedy ? "Comedy" : "Horror"), Map.of(), Map.of("year", Integer.toString(1980 + i)));
    }

    static Dataset clustered(int users, int items, int perUser, long seed) {
        Random r = new Random(seed);
        Dataset.Builder b = new Dataset.Builder("titled-clustered");
        for (int i = 0; i < items; i++) b.item("i" + i);
        for (int u = 0; u < users; u++) {
            int cluster = u % 2;
            List<Integer> chosen = new ArrayList<>();
            while (chosen.size() < perUser) {
                int it = r.nextDouble() < 0.9 ? 2 * r.nextInt(items / 2) + cluster : r.nextInt(items);
                if (!chosen.contains(it)) chosen.add(it);
            }
            for (int k = 0; k < chosen.size(); k++) b.add("u" + u, "i" + chosen.get(k), 1f, 1000L * u + k);
        }
        return b.build(ids -> {
            Item[] meta = new Item[ids.size()];
            for (int i = 0; i < meta.length; i++) meta[i] = item(Integer.parseInt(ids.externalId(i).substring(1)));
            return new ItemCatalog(meta);
        }, null);
    }
}
