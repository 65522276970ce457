package io.genrec.llm.crs;

import com.fasterxml.jackson.databind.JsonNode;
import io.genrec.data.DataFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads INSPIRED's {@code dialog_data/dev.tsv} (tuning) and {@code test.tsv} (test). The movie database of the
 * original release is missing, so the candidate set is every movie annotated in either file; metadata comes from
 * ReDial's {@code id2info.json} where a movie links by normalised title + year (optional). A sample is each
 * recommender utterance that names a movie; consecutive utterances by one speaker are merged, as in ReDial's processing.
 */
public final class InspiredLoader {
    private InspiredLoader() { }

    record Row(String dialog, boolean seeker, String text, List<String> movies) { }

    public static CrsDataset load(Path dir, Path redialInfo) {
        List<Row> dev = read(dir.resolve("dialog_data/dev.tsv"));
        List<Row> test = read(dir.resolve("dialog_data/test.tsv"));
        Map<String, JsonNode> meta = new HashMap<>();
        if (redialInfo != null && Files.exists(redialInfo))
            RedialLoader.readJson(redialInfo).properties().forEach(e -> meta.putIfAbsent(Titles.key(e.getValue().path("name").asText()).toString(), e.getValue()));
        Set<String> names = new LinkedHashSet<>();
        for (Row r : dev) names.addAll(r.movies());
        for (Row r : test) names.addAll(r.movies());
        List<CrsMovie> movies = new ArrayList<>();
        for (String n : names) {
            JsonNode in = meta.get(Titles.key(n).toString());
            movies.add(new CrsMovie(movies.size(), n, n, Titles.key(n).year(), RedialLoader.strings(in, "genre"),
                    in == null ? "" : in.path("plot").asText(""), RedialLoader.strings(in, "director"),
                    RedialLoader.strings(in, "writer"), RedialLoader.strings(in, "star"), -1));
        }
        CrsCatalog catalog = new CrsCatalog(movies);
        int[] counts = new int[catalog.size()];
        for (Row r : dev) for (String m : new LinkedHashSet<>(r.movies())) counts[catalog.indexOfName(m)]++;
        return new CrsDataset("inspired", catalog, samples(dev, catalog), samples(test, catalog), counts);
    }

    static List<CrsSample> samples(List<Row> rows, CrsCatalog catalog) {
        Map<String, List<Row>> byDialog = new LinkedHashMap<>();
        for (Row r : rows) byDialog.computeIfAbsent(r.dialog(), d -> new ArrayList<>()).add(r);
        List<CrsSample> out = new ArrayList<>();
        for (var e : byDialog.entrySet()) {
            List<Row> merged = new ArrayList<>();
            for (Row r : e.getValue()) {
                if (!merged.isEmpty() && merged.getLast().seeker() == r.seeker()) {
                    Row last = merged.removeLast();
                    List<String> mv = new ArrayList<>(last.movies()); mv.addAll(r.movies());
                    merged.add(new Row(r.dialog(), r.seeker(), last.text() + " " + r.text(), mv));
                } else merged.add(r);
            }
            List<Utterance> ctx = new ArrayList<>();
            Set<Integer> mentioned = new LinkedHashSet<>();
            for (int t = 0; t < merged.size(); t++) {
                Row r = merged.get(t);
                if (!r.seeker() && !r.movies().isEmpty() && !ctx.isEmpty()) {
                    int[] targets = r.movies().stream().mapToInt(catalog::indexOfName).distinct().toArray();
                    out.add(new CrsSample(e.getKey(), t, ctx, mentioned.stream().mapToInt(Integer::intValue).toArray(), targets, r.text()));
                }
                ctx.add(new Utterance(r.seeker(), r.text()));
                for (String m : r.movies()) mentioned.add(catalog.indexOfName(m));
            }
        }
        return out;
    }

    static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String header = r.readLine();
            if (header == null) throw new DataFormatException(file, 1, null, "empty file");
            List<String> cols = List.of(header.split("\t", -1));
            int dialog = col(cols, "dialog_id", file), speaker = col(cols, "speaker", file), text = col(cols, "text", file), movies = col(cols, "movies", file);
            String s; int line = 1;
            while ((s = r.readLine()) != null) {
                line++;
                if (s.isBlank()) continue;
                String[] f = s.split("\t", -1);
                if (f.length <= Math.max(movies, text))
                    throw new DataFormatException(file, line, null, "has " + f.length + " fields, the header " + cols.size());
                String sp = f[speaker].strip();
                if (!sp.equals("SEEKER") && !sp.equals("RECOMMENDER")) throw new DataFormatException(file, line, "speaker", "expected SEEKER or RECOMMENDER, got '" + sp + "'");
                List<String> mv = new ArrayList<>();
                for (String m : f[movies].split(";")) if (!m.isBlank()) mv.add(m.strip().replaceAll("\\s+", " "));
                rows.add(new Row(f[dialog], sp.equals("SEEKER"), f[text].replace("QUOTATION_MARK", "\""), mv));
            }
        } catch (IOException e) { throw new UncheckedIOException("cannot read " + file, e); }
        return rows;
    }

    private static int col(List<String> cols, String name, Path file) {
        int i = cols.indexOf(name);
        if (i < 0) throw new DataFormatException(file, 1, name, "column missing from the header");
        return i;
    }
}
