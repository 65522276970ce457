package io.genrec.data.io;

import io.genrec.data.DataFormatException;
import io.genrec.data.Dataset;
import io.genrec.data.Item;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Item metadata for generic {@code csv:}/{@code tsv:} data, from a second file in the same format
 * ({@code items=FILE&item_id=COL&item_title=COL&item_text=COL[,COL...]&item_categories=COL}), so ids get titles and
 * the text paths ({@code search}, text-initialised models) work on any data. Columns are header names or 0-based
 * indices. An id listed twice, an unknown column, or a file none of whose ids occurs in the interactions is an error
 * naming the file (and line); interactions' items without a row keep only their id.
 *
 * @param file      the item file
 * @param delimiter the interactions' delimiter (TSV fields are literal, CSV fields may be quoted)
 * @param header    whether the first line names the columns
 * @param id        column of the item id (as in the interactions)
 * @param title     column of the title, or null
 * @param text      columns of free text (stored under their column names), possibly empty
 * @param categories column of categories, or null
 * @param categorySeparator separator between categories within that column
 */
public record ItemFileLoader(Path file, char delimiter, boolean header, String id, String title, List<String> text,
                             String categories, String categorySeparator) {
    public ItemFileLoader {
        text = List.copyOf(text);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("item file (items=) not found: " + file.toAbsolutePath());
    }

    /** {@code data} with a catalogue read from the item file, aligned with its item ids. */
    public Dataset attachTo(Dataset data) {
        Map<String, Item> items = read();
        int matched = 0;
        for (int i = 0; i < data.numItems(); i++) if (items.containsKey(data.itemIds().externalId(i))) matched++;
        if (matched == 0 && data.numItems() > 0)
            throw new DataFormatException(file, 0, "item_id", "none of its " + items.size() + " ids (column '" + id
                    + "') is an item of the interactions, e.g. '" + items.keySet().iterator().next() + "' vs '"
                    + data.itemIds().externalId(0) + "'; check item_id=");
        return data.withCatalog(Metadata.catalog(data.itemIds(), items));
    }

    Map<String, Item> read() {
        Source source = Source.file(file);
        try (RecordReader in = delimiter == '\t' ? RecordReader.separated(source, StandardCharsets.UTF_8, "\t")
                : RecordReader.csv(source, StandardCharsets.UTF_8, delimiter)) {
            String[] head = null;
            if (header) {
                head = in.next();
                if (head == null) throw new DataFormatException(file, 1, null, "empty item file: expected a header line");
            }
            int idCol = column(head, id, "item_id");
            int titleCol = title == null ? -1 : column(head, title, "item_title");
            int catCol = categories == null ? -1 : column(head, categories, "item_categories");
            int[] textCols = new int[text.size()];
            for (int k = 0; k < textCols.length; k++) textCols[k] = column(head, text.get(k), "item_text");
            String layout = head == null ? "item_id=" + id : String.join(String.valueOf(delimiter), head);
            Pattern split = Pattern.compile(Pattern.quote(categorySeparator));
            Map<String, Item> out = new LinkedHashMap<>();
            Map<String, Long> lineOf = new HashMap<>();
            String[] rec;
            while ((rec = in.next()) != null) {
                if (rec.length == 1 && rec[0].isBlank()) continue;
                String itemId = in.id(rec, idCol, "item_id", layout);
                Long prev = lineOf.putIfAbsent(itemId, in.line());
                if (prev != null) throw in.error("item_id", "item '" + itemId + "' is listed twice (lines " + prev + " and " + in.line() + ")");
                String t = titleCol < 0 ? "" : in.field(rec, titleCol, "item_title", layout).strip();
                List<String> cats = new ArrayList<>();
                if (catCol >= 0) for (String c : split.split(in.field(rec, catCol, "item_categories", layout))) if (!c.isBlank()) cats.add(c.strip());
                Map<String, String> texts = new LinkedHashMap<>();
                for (int k = 0; k < textCols.length; k++) texts.put(text.get(k), in.field(rec, textCols[k], "item_text", layout).strip());
                out.put(itemId, new Item(itemId, t, cats, texts, Map.of()));
            }
            if (out.isEmpty()) throw new DataFormatException(file, 0, null, "the item file has no rows");
            return out;
        }
    }

    /** Header name, else 0-based index; neither is an error naming the option, the value and the header. */
    private int column(String[] head, String spec, String option) {
        if (head != null) for (int k = 0; k < head.length; k++) if (head[k].strip().equals(spec)) return k;
        try {
            int idx = Integer.parseInt(spec.strip());
            if (idx >= 0) return idx;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(file, 1, option, head == null
                ? "column '" + spec + "' must be a 0-based index: items_header=false"
                : "column '" + spec + "' is neither a header name nor a 0-based index; header: " + String.join(",", head));
    }
}
