package io.genrec.data;

import java.util.Arrays;

/** Item metadata indexed by dense item id; items without metadata get {@link Item#bare}. Immutable. */
public final class ItemCatalog {
    private final Item[] items;

    public ItemCatalog(Item[] items) { this.items = items.clone(); }

    /** A catalog with no metadata: every item is bare. */
    public static ItemCatalog bare(IdMap ids) {
        Item[] items = new Item[ids.size()];
        for (int i = 0; i < items.length; i++) items[i] = Item.bare(ids.externalId(i));
        return new ItemCatalog(items);
    }

    public int size() { return items.length; }

    public Item get(int item) { return items[item]; }

    public boolean hasMetadata() { return Arrays.stream(items).anyMatch(i -> !i.title().isEmpty() || !i.categories().isEmpty()); }
}
