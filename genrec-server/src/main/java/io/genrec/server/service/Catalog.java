package io.genrec.server.service;

import io.genrec.data.Item;
import io.genrec.data.ItemCatalog;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The served catalogue: every item the server knows (from the store's catalogue, from events, from {@code PUT}),
 * each with a stable global id in order of first sight. Models map their own dense ids to these, so an item added
 * after a model was fitted simply has no id in that model. Reads are lock-free; writes are serialised.
 */
public final class Catalog {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile Item[] items = new Item[1024];
    private volatile int size;

    /** The global id of {@code id}, or -1. */
    public int indexOf(String id) {
        Integer g = ids.get(id);
        return g == null ? -1 : g;
    }

    public int size() { return size; }

    public Item get(int global) { return items[global]; }

    /** Adds or replaces {@code item}; returns its global id. */
    public synchronized int upsert(Item item) {
        Integer g = ids.get(item.id());
        if (g != null) {
            Item[] a = items;
            a[g] = item;
            items = a; // volatile write publishes the replaced element
            return g;
        }
        return append(item);
    }

    /** The global id of {@code id}, adding it as a bare item (known only by id) when new. */
    public int ensure(String id) {
        Integer g = ids.get(id);
        if (g != null) return g;
        synchronized (this) {
            g = ids.get(id);
            return g != null ? g : append(Item.bare(id));
        }
    }

    private int append(Item item) {
        int g = size;
        Item[] a = items;
        if (g == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[g] = item;
        items = a;
        ids.put(item.id(), g);
        size = g + 1;
        return g;
    }

    /** A snapshot as a core {@link ItemCatalog} whose dense ids are the global ids. */
    public ItemCatalog toItemCatalog() {
        int n = size;
        return new ItemCatalog(Arrays.copyOf(items, n));
    }
}
