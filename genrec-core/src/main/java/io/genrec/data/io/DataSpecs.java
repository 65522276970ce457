package io.genrec.data.io;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.split.Split;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parses the command line's data spec {@code KIND:PATH[?key=value&...]} and loads it:
 * <pre>
 *   ml-latest-small                 MovieLens latest-small bundled with GenRec (all ratings, value = rating)
 *   movielens:DIR[?unrated=true]    MovieLens 100K / 1M / latest / 20M / 25M directory (format detected)
 *   presplit:DIR[?header=auto|yes|no]  train.tsv / valid.tsv / test.tsv made elsewhere (e.g. the DiffRec split)
 *   sequences:FILE                  "user item item ..." lines (Amazon 5-core user_sequence.txt)
 *       also: ?items=ITEMS.jsonl    item text keyed by asin ({@link JsonlItemLoader})
 *   lcrec:DIR                       LC-Rec NAME.inter.json + NAME.item.json
 *   csv:FILE / tsv:FILE / jsonl:FILE ?user=COL&amp;item=COL&amp;rating=COL&amp;time=COL&amp;header=true|false&amp;delimiter=C
 *       csv/tsv also: &amp;items=FILE&amp;item_id=COL&amp;item_title=COL&amp;item_text=COL[,COL]&amp;item_categories=COL
 *       (an item-metadata file, see {@link ItemFileLoader})
 * </pre>
 * Other kinds come from {@link DataSpecReader}s on the class path (genrec-spark adds {@code parquet:DIR}).
 * Unknown options are rejected naming them.
 */
public final class DataSpecs {
    /** The bundled MovieLens latest-small folder on the class path. */
    public static final String BUNDLED_ML_LATEST_SMALL = "io/genrec/data/bundled/ml-latest-small";

    private static final String KNOWN = "ml-latest-small, movielens:DIR, presplit:DIR, sequences:FILE, lcrec:DIR, csv:FILE, tsv:FILE, jsonl:FILE";

    /**
     * What a spec loaded: all interactions ({@link #data()}), the split as given by the source or null when the
     * source is not pre-split ({@link #given()}), and the spec and detected format, for reports.
     */
    public static final class LoadedData {
        private final Split given;
        private final String description;
        private final Supplier<Dataset> all;
        private Dataset data;

        public LoadedData(Dataset data, Split given, String description) {
            this.data = java.util.Objects.requireNonNull(data, "data");
            this.given = given;
            this.description = description;
            this.all = null;
        }

        private LoadedData(Split given, String description) {
            this.given = given;
            this.description = description;
            this.all = () -> given.allInteractions(given.train().name() + "/all");
        }

        /**
         * A pre-split source: its union of all parts is built only when {@link #data()} is first called, since
         * evaluating on the given split needs the parts alone (at 100M interactions the union is 1.6 GB more).
         */
        public static LoadedData presplit(Split given, String description) {
            return new LoadedData(java.util.Objects.requireNonNull(given, "given"), description);
        }

        /** All interactions (for a pre-split source: every part together, see {@link Split#interactionParts()}). */
        public synchronized Dataset data() {
            if (data == null) data = all.get();
            return data;
        }

        public Split given() { return given; }
        public String description() { return description; }
    }

    private DataSpecs() { }

    public static LoadedData load(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("empty data spec; known: " + known());
        int q = spec.indexOf('?');
        String head = q < 0 ? spec : spec.substring(0, q);
        Params opts = new Params(options(spec, q < 0 ? "" : spec.substring(q + 1)), "data spec '" + spec + "'");
        int colon = head.indexOf(':');
        String kind = (colon < 0 ? head : head.substring(0, colon)).toLowerCase(Locale.ROOT);
        String arg = colon < 0 ? null : head.substring(colon + 1);
        // Options are read and checked before anything is loaded: a typo fails at once, not after a long load.
        Supplier<LoadedData> loader = switch (kind) {
            case "ml-latest-small" -> {
                if (arg != null) throw new IllegalArgumentException("data spec '" + spec + "': ml-latest-small takes no path");
                MovieLensLoader.Options o = movieLensOptions(opts);
                yield () -> new LoadedData(MovieLensLoader.load(SourceDir.classpath(BUNDLED_ML_LATEST_SMALL), o), null,
                        "ml-latest-small (bundled MovieLens latest-small, GroupLens, Sept 2018)");
            }
            case "movielens" -> {
                Path dir = directory(spec, arg);
                MovieLensLoader.Options o = movieLensOptions(opts);
                yield () -> {
                    SourceDir sd = SourceDir.of(dir);
                    MovieLensLoader.Format f = MovieLensLoader.detect(sd);
                    return new LoadedData(MovieLensLoader.load(sd, o), null, "movielens:" + dir + " (" + f + ")");
                };
            }
            case "presplit" -> {
                Path dir = directory(spec, arg);
                PresplitLoader.Header h = header(opts);
                yield () -> {
                    return LoadedData.presplit(PresplitLoader.load(SourceDir.of(dir), h), "presplit:" + dir);
                };
            }
            case "sequences" -> {
                Path file = file(spec, arg);
                String items = opts.getString("items", null);
                if (items == null) yield () -> new LoadedData(SequenceFileLoader.load(file), null, "sequences:" + file);
                Path itemFile = file(spec, items);
                yield () -> new LoadedData(JsonlItemLoader.attach(SequenceFileLoader.load(file), itemFile), null,
                        "sequences:" + file + " with items " + itemFile);
            }
            case "lcrec" -> {
                Path dir = directory(spec, arg);
                yield () -> new LoadedData(AmazonLcRecLoader.load(dir), null, "lcrec:" + dir);
            }
            case "csv", "tsv", "jsonl" -> {
                Path file = file(spec, arg);
                DelimitedLoader.Mapping m = delimitedMapping(DelimitedLoader.Format.valueOf(kind.toUpperCase(Locale.ROOT)), opts);
                ItemFileLoader items = itemFile(m, opts);
                yield () -> {
                    Dataset d = DelimitedLoader.load(file, m);
                    return items == null ? new LoadedData(d, null, kind + ":" + file)
                            : new LoadedData(items.attachTo(d), null, kind + ":" + file + " with items " + items.file());
                };
            }
            default -> {
                DataSpecReader plugged = plugged(kind);
                if (plugged == null) throw new IllegalArgumentException("unknown data spec '" + spec + "'; known: " + known());
                yield plugged.prepare(spec, arg, opts);
            }
        };
        opts.requireAllUsed();
        return loader.get();
    }

    /** The reader of {@code kind} another module on the class path supplies, or null. */
    private static DataSpecReader plugged(String kind) {
        for (DataSpecReader r : java.util.ServiceLoader.load(DataSpecReader.class)) if (r.kind().equals(kind)) return r;
        return null;
    }

    /** The built-in kinds and those supplied by modules on the class path. */
    private static String known() {
        StringBuilder sb = new StringBuilder(KNOWN);
        for (DataSpecReader r : java.util.ServiceLoader.load(DataSpecReader.class)) sb.append(", ").append(r.usage());
        return sb.toString();
    }

    private static PresplitLoader.Header header(Params opts) {
        String h = opts.getString("header", "auto");
        try {
            return PresplitLoader.Header.valueOf(h.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(opts.source() + ": parameter 'header' = '" + h + "': expected auto, yes or no");
        }
    }

    private static MovieLensLoader.Options movieLensOptions(Params opts) {
        return new MovieLensLoader.Options(opts.getBoolean("unrated", false));
    }

    private static DelimitedLoader.Mapping delimitedMapping(DelimitedLoader.Format format, Params o) {
        DelimitedLoader.Mapping d = DelimitedLoader.Mapping.defaults(format);
        String delim = o.getString("delimiter", String.valueOf(d.delimiter()));
        if (delim.equals("tab") || delim.equals("\\t")) delim = "\t";
        if (delim.length() != 1) throw new IllegalArgumentException(o.source() + ": delimiter must be one character (or 'tab'), got '" + delim + "'");
        return new DelimitedLoader.Mapping(format, o.getString("user", d.user()), o.getString("item", d.item()),
                o.getString("rating", d.rating()), o.getString("time", d.time()), delim.charAt(0), o.getBoolean("header", d.header()));
    }

    /** The {@code items=FILE&item_...} options of a csv:/tsv: spec, or null without {@code items}. */
    private static ItemFileLoader itemFile(DelimitedLoader.Mapping m, Params o) {
        String file = o.getString("items", null);
        List<String> keys = List.of("item_id", "item_title", "item_text", "item_categories", "item_category_separator", "items_header");
        if (file == null) {
            for (String k : keys)
                if (o.has(k)) throw new IllegalArgumentException(o.source() + ": option '" + k + "' needs items=FILE (the item file it reads)");
            return null;
        }
        if (m.format() == DelimitedLoader.Format.JSONL)
            throw new IllegalArgumentException(o.source() + ": items=FILE is supported for csv: and tsv: data");
        // the item file names its id column like the interactions do, unless told otherwise
        String id = o.getString("item_id", m.item().chars().allMatch(Character::isDigit) ? "0" : m.item());
        String text = o.getString("item_text", null);
        return new ItemFileLoader(Path.of(file), m.delimiter(), o.getBoolean("items_header", true), id, o.getString("item_title", null),
                text == null ? List.of() : List.of(text.split(",")), o.getString("item_categories", null),
                o.getString("item_category_separator", "|"));
    }

    private static Map<String, String> options(String spec, String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("data spec '" + spec + "': option '" + pair + "' is not key=value");
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Path directory(String spec, String arg) {
        Path p = path(spec, arg);
        if (!Files.isDirectory(p)) throw new IllegalArgumentException("data spec '" + spec + "': no such directory: " + p.toAbsolutePath());
        return p;
    }

    private static Path file(String spec, String arg) {
        Path p = path(spec, arg);
        if (!Files.isRegularFile(p)) throw new IllegalArgumentException("data spec '" + spec + "': no such file: " + p.toAbsolutePath());
        return p;
    }

    private static Path path(String spec, String arg) {
        if (arg == null || arg.isBlank()) throw new IllegalArgumentException("data spec '" + spec + "': missing path after ':'");
        return Path.of(arg);
    }
}
