package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec perturb} on the bundled data with cheap non-sequential models (the sequence models cost minutes). */
class PerturbCommandTest {
    @Test
    void aHistoryBlindModelIsUnmovedAndAHistoryModelMoves() throws Exception {
        CliTest.Run r = CliTest.run("perturb", "--models", "mostpop,itemknn", "--strengths", "0,1", "--format", "json", "--quiet");
        assertEquals(0, r.exit(), r.err());
        JsonNode rows = new ObjectMapper().readTree(r.out()).get("rows");
        assertEquals(2 * 3 * 2, rows.size());
        for (JsonNode row : rows) {
            boolean blind = row.get("model").asText().equals("mostpop"), zero = row.get("strength").asDouble() == 0;
            if (blind || zero) {
                // mostpop ignores the history and the exclusions stay the clean history's: nothing may change
                assertEquals(row.get("clean").asDouble(), row.get("perturbed").asDouble(), 0, row.toString());
                assertEquals(1.0, row.get("listJaccard").asDouble(), 0, row.toString());
            }
        }
        JsonNode dropAll = null;
        for (JsonNode row : rows)
            if (row.get("model").asText().equals("itemknn") && row.get("perturbation").asText().equals("drop") && row.get("strength").asDouble() == 1) dropAll = row;
        assertNotNull(dropAll);
        assertTrue(dropAll.get("listJaccard").asDouble() < 0.9, dropAll.toString());
        assertTrue(dropAll.get("perturbed").asDouble() < dropAll.get("clean").asDouble(), "one item left of each history costs accuracy: " + dropAll);
    }

    @Test
    void aStrengthOutsideTheUnitIntervalIsAClearError() {
        CliTest.Run r = CliTest.run("perturb", "--models", "mostpop", "--strengths", "2", "--quiet");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("--strengths: 2.0 is not in [0, 1]"), r.err());
    }
}
