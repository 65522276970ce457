package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec simulate} on the bundled data with cheap models. */
class SimulateCommandTest {
    @Test
    void signTestByHand() {
        // 8 wins vs 2: P(X <= 2) for Binomial(10, 1/2) = (1 + 10 + 45) / 1024; two-sided doubles it
        assertEquals(2 * 56 / 1024.0, SimulateCommand.signTest(8, 2), 1e-12);
        assertEquals(SimulateCommand.signTest(8, 2), SimulateCommand.signTest(2, 8), 1e-15);
        assertEquals(1.0, SimulateCommand.signTest(5, 5));
        assertEquals(1.0, SimulateCommand.signTest(0, 0));
    }

    @Test
    void runsAreDeterministicPerSeedAndTheReferenceBeatsMostPopInInterleaving(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String[] args = {"simulate", "--models", "mostpop,itemknn", "--reference", "itemknn", "--rounds", "2", "--log-events", "50",
                "--sessions", "2", "--format", "json", "--quiet", "--output", dir.toString()};
        CliTest.Run a = CliTest.run(args);
        assertEquals(0, a.exit(), a.err());
        CliTest.Run b = CliTest.run(args);
        JsonNode ja = new ObjectMapper().readTree(a.out()), jb = new ObjectMapper().readTree(b.out());
        for (JsonNode j : new JsonNode[] {ja, jb}) // wall-clock fit time is the one field allowed to differ
            j.get("closedLoop").forEach(rounds -> rounds.forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove("fitSeconds")));
        for (String f : new String[] {"closedLoop", "replay", "interleaving"}) assertEquals(ja.get(f), jb.get(f), f + " deterministic per seed");
        assertEquals(2, ja.path("closedLoop").path("mostpop").size());
        JsonNode pop0 = ja.path("closedLoop").path("mostpop").get(0);
        assertTrue(pop0.get("coverage").asDouble() > 0 && pop0.get("listJaccard").asDouble() > 0.3, pop0.toString());
        // the simulated users' preferences are itemknn's, so itemknn's lists collect more clicks than mostpop's
        JsonNode inter = ja.get("interleaving");
        assertTrue(inter.get("winsB").asInt() > inter.get("winsA").asInt(), inter.toString());
        assertTrue(inter.get("expectedClicksB").asDouble() > inter.get("expectedClicksA").asDouble(), inter.toString());
        assertTrue(Files.exists(dir.resolve("simulation.json")));
        Path html = dir.resolve("report.html");
        CliTest.Run rep = CliTest.run("report", "--input", dir.toString(), "--output", html.toString());
        assertEquals(0, rep.exit(), rep.err());
        String page = Files.readString(html);
        assertTrue(page.contains("Closed-loop trajectories") && page.contains("exposure Gini per round"), "trajectory plots");
        assertTrue(page.contains("<svg") && page.contains("Team-draft interleaving") && page.contains("Replay estimator"));
        CliTest.Run other = CliTest.run("simulate", "--models", "mostpop,itemknn", "--reference", "itemknn", "--rounds", "2",
                "--log-events", "50", "--sessions", "2", "--format", "json", "--quiet", "--seed", "7");
        assertNotEquals(ja.get("interleaving"), new ObjectMapper().readTree(other.out()).get("interleaving"), "another seed, other draws");
    }

    @Test
    void interleavingNeedsTwoOfTheModels() {
        CliTest.Run r = CliTest.run("simulate", "--models", "mostpop", "--rounds", "1", "--quiet");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--interleave needs two models"), r.err());
    }
}
