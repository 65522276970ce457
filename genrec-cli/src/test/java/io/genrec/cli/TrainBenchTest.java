package io.genrec.cli;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** {@code genrec bench train}: one row of measured numbers per model, --epochs applied only where it exists. */
class TrainBenchTest {
    @Test
    void printsSpeedAndMemoryPerModel() {
        CliTest.Run r = CliTest.run("bench", "train", "--", "--models", "mostpop,multvae", "--epochs", "1",
                "--param", "multvae.hidden_dims=16", "--param", "multvae.latent_dim=8", "--param", "multvae.validation_users=50");
        assertEquals(0, r.exit(), r.err());
        String[] rows = r.out().lines().filter(l -> l.startsWith("| mostpop") || l.startsWith("| multvae")).toArray(String[]::new);
        assertEquals(2, rows.length, r.out());
        assertTrue(r.err().contains("mostpop has no epochs parameter"), "the skipped --epochs is stated: " + r.err());
        String[] vae = Arrays.stream(rows[1].split("\\|")).map(String::trim).toArray(String[]::new);
        // | multvae | epochs | fit s | s/epoch | validation s | examples/s | CPU s | peak heap MB | peak RSS MB |
        assertEquals("1", vae[2], rows[1]);
        assertTrue(Double.parseDouble(vae[4]) > 0 && Double.parseDouble(vae[6]) > 0, rows[1]);
        double validation = Double.parseDouble(vae[5]), fit = Double.parseDouble(vae[3]);
        assertTrue(validation >= 0 && validation < fit, "validation seconds, part of the fit: " + rows[1]);
        assertTrue(Long.parseLong(vae[8]) > 0, "peak heap: " + rows[1]);
        if (!vae[9].equals("n/a")) assertTrue(Long.parseLong(vae[9]) >= Long.parseLong(vae[8]) / 4, "peak RSS: " + rows[1]);
        assertEquals("-", rows[0].split("\\|")[4].trim(), "no s/epoch for a model without epochs: " + rows[0]);
        assertEquals("-", rows[0].split("\\|")[5].trim(), "no validation seconds for a model without epochs: " + rows[0]);
    }
}
