package io.genrec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** 'genrec spark prep' and 'genrec spark eval' in local[2] against 'genrec eval' on the same data, protocol and seed. */
class SparkCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sparkPrepThenSparkEvalGivesTheMetricsOfEval(@TempDir Path tmp) throws Exception {
        String[] common = {"--models", "mostpop,als", "--param", "als.factors=8", "--param", "als.iterations=2",
                "--metrics", "recall@20,ndcg@10,auc", "--format", "json", "--quiet"};
        CliTest.Run single = CliTest.run(concat(new String[] {"eval", "--implicit", "4", "--protocol", "random-holdout", "--seed", "7"}, common));
        assertEquals(0, single.exit(), single.err());

        Path split = tmp.resolve("split");
        CliTest.Run prep = CliTest.run("spark", "prep", "--master", "local[2]", "--data", "ml-latest-small", "--implicit", "4",
                "--protocol", "random-holdout", "--seed", "7", "--output", split.toString(), "--quiet");
        assertEquals(0, prep.exit(), prep.err());
        assertTrue(Files.isRegularFile(split.resolve("genrec-split.json")), prep.out());

        CliTest.Run spark = CliTest.run(concat(new String[] {"spark", "eval", "--master", "local[2]", "--data", "parquet:" + split,
                "--seed", "7", "--topk-output", tmp.resolve("topk").toString(), "--topk", "5"}, common));
        assertEquals(0, spark.exit(), spark.err());
        JsonNode a = JSON.readTree(single.out()).get("results"), b = JSON.readTree(spark.out()).get("results");
        assertEquals(2, a.size());
        for (int m = 0; m < a.size(); m++) {
            assertEquals(a.get(m).get("model"), b.get(m).get("model"));
            assertEquals(a.get(m).get("metrics"), b.get(m).get("metrics"), a.get(m).get("model").asText());
            assertEquals(a.get(m).get("evaluatedUsers"), b.get(m).get("evaluatedUsers"));
        }
        assertTrue(Files.isDirectory(tmp.resolve("topk").resolve("als")), "top-k Parquet of als");
    }

    @Test
    void aMetricSparkCannotDistributeFailsBeforeFitting() {
        CliTest.Run r = CliTest.run("spark", "eval", "--master", "local[1]", "--models", "mostpop", "--metrics", "recall@10,gini@10", "--quiet");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("gini@10"), r.err());
        assertFalse(r.err().contains("fitting"), r.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
