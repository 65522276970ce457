package io.genrec.llm.text;

import io.genrec.data.Item;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ItemTextTemplateTest {
    private static final Item TOY_STORY = new Item("1", "Toy Story (1995)", List.of("Adventure", "Animation"),
            Map.of("tags", "pixar, fun", "description", "Toys come alive."), Map.of("year", "1995", "studio", "Pixar"));

    @Test
    void defaultTemplateRendersEveryFieldAndDropsEmptyLines() {
        assertEquals("Toy Story (1995)\nCategories: Adventure, Animation\nstudio: Pixar; year: 1995\n"
                + "description: Toys come alive.\ntags: pixar, fun", ItemTextTemplate.DEFAULT.render(TOY_STORY));
        Item titleOnly = new Item("2", "Heat", null, null, null);
        assertEquals("Heat", ItemTextTemplate.DEFAULT.render(titleOnly), "the empty 'Categories:' line must vanish");
        assertEquals("", ItemTextTemplate.DEFAULT.render(Item.bare("3")));
    }

    @Test
    void namedFieldsAreNotRepeatedByTheCatchAlls() {
        ItemTextTemplate t = ItemTextTemplate.of("{title} ({attr.year})\\nTags: {text.tags}\\n{text}\\n{attributes}");
        assertEquals("Toy Story (1995) (1995)\nTags: pixar, fun\ndescription: Toys come alive.\nstudio: Pixar", t.render(TOY_STORY));
        assertEquals("id 1 Toy Story (1995) $1", ItemTextTemplate.of("id {id} {title} $1").render(TOY_STORY), "literal text including '$' is kept");
    }

    @Test
    void lengthsAreCappedAtWordBoundaries() {
        Item longItem = new Item("x", "t", null, Map.of("description", "word ".repeat(100)), null);
        String s = ItemTextTemplate.of("{text.description}", 23, 100).render(longItem);
        assertEquals("word word word word", s, "cut to 23 chars at the last space");
        String whole = ItemTextTemplate.of("{title} {text.description}\\n{text.description}", 400, 50).render(longItem);
        assertTrue(whole.length() <= 50, whole.length() + " chars");
    }

    @Test
    void unknownPlaceholdersAreRejectedNamingThem() {
        var e = assertThrows(IllegalArgumentException.class, () -> ItemTextTemplate.of("{title} {plot}"));
        assertTrue(e.getMessage().contains("{plot}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ItemTextTemplate.of("{attr}"));
        assertThrows(IllegalArgumentException.class, () -> ItemTextTemplate.of("{title.x}"));
        assertThrows(IllegalArgumentException.class, () -> ItemTextTemplate.of(" "));
    }
}
