package io.genrec.data.io;

import io.genrec.data.IdMap;
import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;
import io.genrec.data.UserTable;

import java.util.Map;

/** Turns metadata read by external id into catalogue / user table rows aligned with the final dense ids. */
final class Metadata {
    private Metadata() { }

    /** One row per id of {@code ids}; ids without metadata get {@link Item#bare}. */
    static ItemCatalog catalog(IdMap ids, Map<String, Item> items) {
        Item[] out = new Item[ids.size()];
        for (int k = 0; k < out.length; k++) {
            String id = ids.externalId(k);
            out[k] = items.getOrDefault(id, Item.bare(id));
        }
        return new ItemCatalog(out);
    }

    /** One row per id of {@code ids} (empty for unknown users), or null when there is no user metadata at all. */
    @SuppressWarnings("unchecked")
    static UserTable userTable(IdMap ids, Map<String, Map<String, String>> users) {
        if (users.isEmpty()) return null;
        Map<String, String>[] out = new Map[ids.size()];
        for (int k = 0; k < out.length; k++) out[k] = users.get(ids.externalId(k));
        return new UserTable(out);
    }
}
