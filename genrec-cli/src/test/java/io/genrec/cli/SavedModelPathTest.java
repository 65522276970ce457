package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.experiment.ExperimentConfig;
import io.genrec.experiment.ExperimentRunner;
import io.genrec.model.ProgressListener;
import io.genrec.model.RecommenderRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.genrec.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code eval --output DIR} then {@code recommend --load DIR/models/NAME} for every model in the registry, on the
 * default data and preprocessing with no extra flags; models that cannot be saved say so. Neural models are tiny
 * (one epoch, small layers) so the whole path stays fast.
 */
class SavedModelPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sequence models run under leave-one-out (they refuse a random holdout); the rest under the default protocol. */
    private static final Set<String> SEQUENTIAL = Set.of("sasrec", "gru4rec", "bert4rec");
    private static final Map<String, List<String>> TINY = Map.ofEntries(
            Map.entry("multvae", List.of("epochs=1", "hidden_dims=16", "latent_dim=8")),
            Map.entry("multdae", List.of("epochs=1", "hidden_dims=16", "latent_dim=8")),
            Map.entry("recvae", List.of("epochs=1", "hidden_dim=16", "latent_dim=8")),
            Map.entry("diffrec", List.of("epochs=1", "dims=16")),
            Map.entry("ldiffrec", List.of("epochs=1")),
            Map.entry("flowcf", List.of("epochs=1", "dims=16")),
            Map.entry("autorec", List.of("epochs=1", "hidden=16")),
            Map.entry("listcvae", List.of("epochs=1", "hidden_dim=16", "latent_dim=8", "embedding_dim=8")),
            Map.entry("gfn4rec", List.of("epochs=1", "response_epochs=1", "hidden_dim=16", "embedding_dim=8")),
            Map.entry("sasrec", List.of("epochs=1", "hidden_size=8", "max_len=20", "blocks=1", "heads=1")),
            Map.entry("gru4rec", List.of("epochs=1", "hidden_size=8", "max_len=20")),
            Map.entry("bert4rec", List.of("epochs=1", "hidden_size=8", "max_len=20", "blocks=1", "heads=1")),
            Map.entry("als", List.of("factors=8", "iterations=2")),
            Map.entry("als-mllib", List.of("factors=8", "iterations=2")),
            Map.entry("dense", List.of("cache=false")),
            Map.entry("coldstart", List.of("cache=false")),
            Map.entry("vbpr", List.of("epochs=1", "factors=8", "visual_factors=4")));

    @TempDir
    static Path root;
    static Path plain, sequential;
    static JsonNode plainResults, sequentialResults;
    static String plainErr;
    /** Pictures of movies 1-20 for vbpr (solid colours; the rest of the catalogue has none, which vbpr warns about). */
    static Path pictures;

    // biasedmf fits explicit ratings and refuses the binarised default data (RatingMetricsCliTest covers it); tiger
    // embeds the catalogue text with MiniLM and fits a tokenizer before training (TigerTest runs its save/load contract).
    static Stream<String> models() {
        return RecommenderRegistry.load().providers().keySet().stream().filter(n -> !n.equals("biasedmf") && !n.equals("tiger"));
    }

    @BeforeAll
    static void evaluateEveryModelWithOutput() throws Exception {
        List<String> names = models().toList();
        pictures = Files.createDirectories(root.resolve("pictures"));
        for (int id = 1; id <= 20; id++) {
            var img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int x = 0; x < 8; x++) for (int y = 0; y < 8; y++) img.setRGB(x, y, id * 0x0C1F37);
            javax.imageio.ImageIO.write(img, "png", pictures.resolve(id + ".png").toFile());
        }
        plain = root.resolve("plain");
        sequential = root.resolve("sequential");
        CliTest.Run a = run(evalArgs(names.stream().filter(n -> !SEQUENTIAL.contains(n)).toList(), plain, List.of()));
        assertEquals(0, a.exit(), a.err());
        plainErr = a.err();
        plainResults = JSON.readTree(plain.resolve("results.json").toFile());
        CliTest.Run b = run(evalArgs(names.stream().filter(SEQUENTIAL::contains).toList(), sequential, List.of("--protocol", "leave-one-out")));
        assertEquals(0, b.exit(), b.err());
        sequentialResults = JSON.readTree(sequential.resolve("results.json").toFile());
    }

    private static String[] evalArgs(List<String> models, Path out, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("eval", "--models", String.join(",", models), "--metrics", "ndcg@10",
                "--output", out.toString(), "--quiet"));
        args.addAll(extra);
        for (String m : models) for (String p : TINY.getOrDefault(m, List.of())) args.addAll(List.of("--param", m + "." + p));
        if (models.contains("vbpr")) args.addAll(List.of("--param", "vbpr.images=" + pictures));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @MethodSource("models")
    void savedByEvalLoadsAndRecommendsWithoutExtraFlags(String model) throws Exception {
        boolean seq = SEQUENTIAL.contains(model);
        Path dir = (seq ? sequential : plain).resolve("models").resolve(model);
        JsonNode results = seq ? sequentialResults : plainResults;
        if (!RecommenderRegistry.load().provider(model).savable()) {
            assertFalse(Files.exists(dir), model + " claims not to be savable but was saved");
            assertTrue(results.get("notSavedModels").has(model), results.get("notSavedModels").toString());
            assertTrue(plainErr.contains("model '" + model + "' cannot be saved"), plainErr);
            assertTrue(run("models").out().lines().anyMatch(l -> l.startsWith(model + " ") && l.contains("savable: no")));
            return;
        }
        assertTrue(Files.isDirectory(dir), "eval --output must save " + model + ": " + results.get("notSavedModels"));
        assertEquals("models/" + model, results.get("savedModels").get(model).asText());
        CliTest.Run r = run("recommend", "--user", "1", "--load", dir.toString(), "--k", "5", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode recs = JSON.readTree(r.out()).get("recommendations");
        assertEquals(5, recs.size(), r.out());
        JsonNode binding = JSON.readTree(dir.resolve("data.json").toFile());
        List<String> items = new ArrayList<>();
        binding.get("items").forEach(i -> items.add(i.asText()));
        for (JsonNode row : recs) assertTrue(items.contains(row.get("item").asText()), "recommended item is in the model's id map: " + row);
        assertEquals("ml-latest-small", binding.get("dataSpec").asText());
        assertEquals(5, binding.get("userCore").asInt());
        assertEquals(4.0, binding.get("threshold").asDouble());
        JsonNode prov = JSON.readTree(dir.resolve("model.json").toFile()).get("provenance");
        assertEquals(results.get("split").asText(), prov.get("split").asText().split(";")[0], "provenance records the split");
    }

    @Test
    void loadRefusesOtherDataNamingBothHashes(@TempDir Path tmp) throws Exception {
        Path dir = plain.resolve("models").resolve("mostpop");
        String saved = JSON.readTree(dir.resolve("data.json").toFile()).get("dataHash").asText();
        Path csv = Files.writeString(tmp.resolve("other.csv"), "user,item,rating,time\n1,1,5,1\n1,2,5,2\n2,1,5,3\n2,3,5,4\n");
        String spec = "csv:" + csv + "?header=true&user=user&item=item&rating=rating&time=time";
        CliTest.Run r = run("recommend", "--user", "1", "--load", dir.toString(), "--data", spec, "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(saved), r.err());
        assertTrue(r.err().contains("hashes to "), r.err());
        CliTest.Run imp = run("recommend", "--user", "1", "--load", dir.toString(), "--implicit", "none", "--quiet");
        assertEquals(2, imp.exit(), imp.err());
        assertTrue(imp.err().contains("--implicit"), imp.err());
    }

    @Test
    void resultsRecordTheSplitAndPlainPaths() {
        String split = plainResults.get("split").asText();
        for (JsonNode r : plainResults.get("results"))
            assertTrue(r.get("provenance").get("split").asText().startsWith(split), r.get("model") + ": " + r.get("provenance").get("split"));
        assertEquals(plain.toString(), plainResults.get("config").get("outputDir").asText());
        assertEquals("complete", plainResults.get("status").asText());
    }

    @Test
    void recommendSaveRecordsTheDataAndRefusesAUserDirectory(@TempDir Path tmp) throws Exception {
        Path userDir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(userDir.resolve("thesis.tex"), "precious");
        CliTest.Run r = run("recommend", "--user", "1", "--model", "mostpop", "--save", userDir.toString(), "--quiet");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(userDir.toString()), r.err());
        assertEquals("precious", Files.readString(userDir.resolve("thesis.tex")));

        Path saved = tmp.resolve("model");
        assertEquals(0, run("recommend", "--user", "1", "--model", "mostpop", "--save", saved.toString(), "--quiet").exit());
        JsonNode prov = JSON.readTree(saved.resolve("model.json").toFile()).get("provenance");
        assertEquals(CachedFit.FITTED_ON_ALL, prov.get("split").asText());
        CliTest.Run again = run("recommend", "--user", "1", "--load", saved.toString(), "--save", saved.toString(), "--quiet");
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void outputIsCheckedBeforeFittingAndARerunIsNotMixed(@TempDir Path tmp) throws Exception {
        Path userDir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(userDir.resolve("notes.txt"), "keep");
        CliTest.Run r = run("eval", "--models", "mostpop", "--output", userDir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(userDir.toString()) && !r.err().contains("fitting"), r.err());
        assertEquals(List.of(userDir.resolve("notes.txt")), Files.list(userDir).toList());

        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(2, run("eval", "--models", "mostpop", "--output", file.toString(), "--quiet").exit());

        Path out = tmp.resolve("run");
        assertEquals(0, run("eval", "--models", "mostpop", "--output", out.toString(), "--quiet").exit());
        CliTest.Run rerun = run("eval", "--models", "itemknn", "--output", out.toString(), "--quiet");
        assertEquals(2, rerun.exit(), rerun.err());
        assertTrue(rerun.err().contains("--overwrite"), rerun.err());
        assertTrue(Files.exists(out.resolve("models/mostpop")));
        CliTest.Run over = run("eval", "--models", "itemknn", "--output", out.toString(), "--overwrite", "--quiet");
        assertEquals(0, over.exit(), over.err());
        assertFalse(Files.exists(out.resolve("models/mostpop")), "the earlier run's files are gone, not mixed in");
        assertTrue(Files.exists(out.resolve("models/itemknn")));
        JsonNode doc = JSON.readTree(out.resolve("results.json").toFile());
        assertEquals(1, doc.get("results").size());
        assertEquals("itemknn", doc.get("results").get(0).get("model").asText());
    }

    @Test
    void eachModelsResultIsWrittenAsSoonAsItIsEvaluated(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        Map<String, String> seenWhenFitting = new LinkedHashMap<>();
        ExperimentRunner runner = new ExperimentRunner(RecommenderRegistry.load(), ProgressListener.NONE, msg -> {
            if (!msg.startsWith("fitting ")) return;
            String model = msg.substring(8, msg.indexOf(' ', 8));
            try {
                Path results = out.resolve("results.json");
                seenWhenFitting.put(model, Files.exists(results) ? Files.readString(results) : "");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ExperimentConfig d = ExperimentConfig.defaults();
        ExperimentConfig cfg = new ExperimentConfig(d.data(), d.implicit(), d.userCore(), d.itemCore(), d.protocol(),
                d.protocolParams(), List.of("mostpop", "itemknn"), Map.of(), List.of("ndcg@10"), d.seed(), 1, out,
                d.sampledCandidates(), d.sampling());
        runner.run(cfg);
        assertEquals("", seenWhenFitting.get("mostpop"));
        JsonNode partial = JSON.readTree(seenWhenFitting.get("itemknn"));
        assertEquals("partial", partial.get("status").asText());
        assertEquals("mostpop", partial.get("results").get(0).get("model").asText());
        assertEquals("itemknn", partial.get("pendingModels").get(0).asText());
        assertTrue(partial.get("savedModels").has("mostpop"));
    }
}
