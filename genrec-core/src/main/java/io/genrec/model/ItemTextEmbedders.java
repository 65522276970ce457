package io.genrec.model;

import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the {@link ItemTextEmbedder} on the class path, failing with what to add when there is none. */
public final class ItemTextEmbedders {
    private ItemTextEmbedders() { }

    /** The first embedder {@link ServiceLoader} finds. */
    public static ItemTextEmbedder find() { return first(ServiceLoader.load(ItemTextEmbedder.class)); }

    /** The first of {@code candidates}; none is an error naming the module to add. */
    static ItemTextEmbedder first(Iterable<ItemTextEmbedder> candidates) {
        Iterator<ItemTextEmbedder> it = candidates.iterator();
        if (!it.hasNext())
            throw new IllegalStateException("no item text embedder on the class path: add the genrec-llm module"
                    + " (io.genrec:genrec-llm, which registers the in-process MiniLM encoder) or register an"
                    + " io.genrec.model.ItemTextEmbedder in META-INF/services");
        return it.next();
    }
}
