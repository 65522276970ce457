package io.genrec.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** One ETA per line, from the current phase's observed rate, and none before there is enough progress to judge. */
class ProgressBarTest {
    @Test
    void oneEtaFromTheObservedRateAndNoneTooEarly() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong(0);
        ProgressBar bar = new ProgressBar(new PrintStream(buf, true, StandardCharsets.UTF_8), false, now::get);
        bar.progress("train", 0, 100, "loss 0.5"); // 0 s: nothing to estimate from
        now.set(6_000_000_000L);
        bar.progress("train", 2, 100, "loss 0.4"); // 2% after 6 s: still too little
        now.set(20_000_000_000L);
        bar.progress("train", 20, 100, "loss 0.3"); // 20 items in 20 s: 80 left at 1/s
        now.set(40_000_000_000L);
        bar.progress("eval", 1, 1000, null);        // a new phase: its own rate, none yet
        now.set(46_000_000_000L);
        bar.progress("train", 30, 100, "loss 0.2"); // training again (after validation): its clock runs on, 30 in 46 s
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(5, lines.size(), lines.toString());
        assertFalse(lines.get(0).contains("ETA"), lines.get(0));
        assertFalse(lines.get(1).contains("ETA"), lines.get(1));
        assertTrue(lines.get(2).contains("ETA 1m20s"), lines.get(2));
        assertFalse(lines.get(3).contains("ETA"), lines.get(3));
        assertTrue(lines.get(4).contains("ETA 1m47s"), "70 left at 30/46 per s: " + lines.get(4));
        buf.reset();
        bar.progress("ease", 1, 3, "Gram matrix");
        now.set(76_000_000_000L);
        bar.progress("ease", 2, 3, "inverse");      // 30 s for one uneven step of three: no rate to speak of
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("ETA"), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void trainingDetailCarriesNoSecondEta() throws Exception {
        List<String> details = new java.util.concurrent.CopyOnWriteArrayList<>();
        var runner = new io.genrec.experiment.ExperimentRunner(io.genrec.model.RecommenderRegistry.load(),
                (stage, done, total, detail) -> { if (detail != null) details.add(stage + ": " + detail); }, msg -> { });
        var cfg = io.genrec.experiment.ExperimentConfig.defaults();
        cfg = new io.genrec.experiment.ExperimentConfig(cfg.data(), cfg.implicit(), cfg.userCore(), cfg.itemCore(), cfg.protocol(),
                cfg.protocolParams(), List.of("multvae"), java.util.Map.of("multvae", java.util.Map.of("epochs", "1", "hidden_dims", "16",
                "latent_dim", "4")), List.of("ndcg@10"), cfg.seed(), 1, null, cfg.sampledCandidates(), cfg.sampling());
        runner.run(cfg);
        assertTrue(details.stream().anyMatch(d -> d.startsWith("train: ")), details.toString());
        for (String d : details) assertFalse(d.contains("ETA"), "the bar computes the ETA; a detail must not add another: " + d);
    }
}
