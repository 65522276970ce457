package io.genrec.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec models --params} lists each model's keys with their defaults, from the config binding. */
class ModelsParamsTest {
    @Test
    void paramsListsKeysDefaultsAndRanges() {
        CliTest.Run r = CliTest.run("models", "--params");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("lambda=500.0") && out.contains("precision=float32"), out);
        assertTrue(out.contains("cg_steps=3") && out.contains("deprecated: cgSteps"), out);
        assertTrue(out.contains("hidden_size=50") && out.contains("irgan_dim=32") && out.contains("only with negatives=irgan"), out);
        assertTrue(out.contains("lr=0.001"), out);
    }

    @Test
    void withoutParamsTheListIsOneLinePerModel() {
        CliTest.Run r = CliTest.run("models");
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("lambda="), r.out());
    }

    @Test
    void deprecatedSpellingWarnsOnStderrOfTheCli() {
        CliTest.Run r = CliTest.run("eval", "--models", "als", "--param", "als.cgSteps=2", "--param", "als.iterations=1",
                "--param", "als.factors=4", "--metrics", "ndcg@10", "--quiet");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("'cgSteps' is deprecated, use 'cg_steps'"), r.err());
    }
}
