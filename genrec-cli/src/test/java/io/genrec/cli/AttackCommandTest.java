package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec attack} on the bundled data with the cheap mostpop model. */
class AttackCommandTest {
    static JsonNode rows(String... extra) throws Exception {
        String[] args = new String[extra.length + 7];
        System.arraycopy(new String[] {"attack", "--models", "mostpop", "--format", "json", "--quiet", "--attacks"}, 0, args, 0, 7);
        System.arraycopy(extra, 0, args, 7, extra.length);
        CliTest.Run r = CliTest.run(args);
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out()).get("rows");
    }

    @Test
    void zeroFakeUsersChangeNothing() throws Exception {
        JsonNode rows = rows("random,average,bandwagon", "--fake-users", "0");
        assertEquals(3, rows.size());
        for (JsonNode row : rows) {
            assertEquals(row.get("cleanHitRatio").asDouble(), row.get("poisonedHitRatio").asDouble(), 0, row.toString());
            assertEquals(row.get("cleanAccuracy").asDouble(), row.get("poisonedAccuracy").asDouble(), 0, row.toString());
        }
    }

    @Test
    void aLargeAttackPushesTheTargetIntoMostPopularLists() throws Exception {
        // 1000 fake profiles holding only the target make it the most popular item by far: mostpop then ranks it first
        // for every user who has not seen it.
        JsonNode row = rows("random", "--fake-users", "1000", "--filler", "0").get(0);
        assertEquals(0, row.get("cleanHitRatio").asDouble(), 0, "a tail item is not in mostpop's lists");
        assertEquals(1, row.get("poisonedHitRatio").asDouble(), 0, row.toString());
    }
}
