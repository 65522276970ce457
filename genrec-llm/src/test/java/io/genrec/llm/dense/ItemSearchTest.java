package io.genrec.llm.dense;

import io.genrec.data.Dataset;
import io.genrec.llm.embed.Encoders;
import io.genrec.llm.index.ExactVectorIndex;
import io.genrec.llm.index.LuceneHnswIndex;
import io.genrec.llm.text.ItemTextTemplate;
import io.genrec.model.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ItemSearchTest {
    @Test
    void findsTheMatchingGenreHonoursFiltersAndReusesTheCache(@TempDir Path cache) throws Exception {
        Dataset data = TitledData.clustered(4, 16, 3, 1L);
        var encoder = Encoders.cached(Encoders.miniLm(2), cache);
        try (ItemSearch search = ItemSearch.build(data, encoder, ItemTextTemplate.DEFAULT, ProgressListener.NONE)) {
            assertEquals(16, search.indexedItems());
            List<ItemSearch.Hit> hits = search.search("haunted house full of ghosts", 3);
            assertEquals(3, hits.size());
            assertTrue(hits.get(0).title().contains("haunted house"), "best hit: " + hits.get(0));
            for (int r = 1; r < hits.size(); r++) assertTrue(hits.get(r - 1).score() >= hits.get(r).score());
            assertEquals(data.catalog().get(hits.get(0).item()).id(), hits.get(0).id());
            int best = hits.get(0).item();
            assertFalse(search.search("haunted house full of ghosts", 3, item -> item != best).stream().anyMatch(h -> h.item() == best),
                    "a filtered-out item must not be returned");
            assertThrows(IllegalArgumentException.class, () -> search.search(" ", 3));
        }
        assertEquals(16, encoder.cache().size(), "the catalogue embeddings are cached");
        Dataset bare = new Dataset.Builder("bare").add("u", "x", 1, 1).build();
        assertThrows(IllegalArgumentException.class, () -> ItemSearch.build(bare, encoder, ItemTextTemplate.DEFAULT, ProgressListener.NONE));
    }

    @Test
    void hnswIndexAndMetadataPredicatesWork(@TempDir Path cache) throws Exception {
        Dataset data = TitledData.clustered(4, 16, 3, 1L);
        var encoder = Encoders.cached(Encoders.miniLm(1), cache);
        try (ItemSearch search = ItemSearch.build(data, encoder, ItemTextTemplate.DEFAULT, ProgressListener.NONE,
                LuceneHnswIndex.inMemory(encoder.dimension(), LuceneHnswIndex.Config.DEFAULT))) {
            assertEquals(16, search.indexedItems());
            // items i0..i15: even = Comedy, odd = Horror; year = 1980 + i
            var comedies = search.search("haunted house full of ghosts", 5, search.inCategories(List.of("comedy")));
            assertEquals(5, comedies.size());
            for (var h : comedies) assertEquals(List.of("Comedy"), data.catalog().get(h.item()).categories());
            var eighties = search.search("scary", 16, search.attributeBetween("year", 1985, 1989));
            assertEquals(5, eighties.size(), "years 1985..1989 are items i5..i9");
            for (var h : eighties) {
                int year = Integer.parseInt(data.catalog().get(h.item()).attributes().get("year"));
                assertTrue(year >= 1985 && year <= 1989, h.toString());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ItemSearch.build(data, encoder, ItemTextTemplate.DEFAULT,
                ProgressListener.NONE, new ExactVectorIndex(8)), "a wrong-dimension index is rejected");
    }

    @Test
    void movieLensReaderParsesQuotedTitlesTagsAndYears() throws Exception {
        Dataset d = MovieLensSmallText.loadBundled();
        assertEquals(9742, d.numItems(), "movies.csv has 9742 movies (README)");
        var toyStory = d.catalog().get(d.itemIds().require("1", "item"));
        assertEquals("Toy Story (1995)", toyStory.title());
        assertEquals("1995", toyStory.attributes().get("year"));
        assertEquals(List.of("Adventure", "Animation", "Children", "Comedy", "Fantasy"), toyStory.categories());
        assertTrue(toyStory.text().get("tags").contains("pixar"), toyStory.text().toString());
        // movieId 11: "American President, The (1995)" is quoted in the file because of the comma
        assertEquals("American President, The (1995)", d.catalog().get(d.itemIds().require("11", "item")).title());
    }
}
