package io.genrec.models.semanticid;

import io.genrec.models.training.ParameterSet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RqVaeTest {
    static final int DIM = 16, TOP = 8, SUB = 8, PER = 4;

    /** 8 coarse centres (std 1) in 16 dims, 8 sub-centres (std 0.3) around each, 4 points (std 0.01) around each sub-centre. */
    static float[][] planted(long seed) {
        Random rng = new Random(seed);
        float[][] x = new float[TOP * SUB * PER][DIM];
        for (int t = 0; t < TOP; t++) {
            float[] c = new float[DIM];
            for (int j = 0; j < DIM; j++) c[j] = (float) (rng.nextGaussian());
            for (int s = 0; s < SUB; s++) {
                float[] cs = new float[DIM];
                for (int j = 0; j < DIM; j++) cs[j] = c[j] + (float) (rng.nextGaussian() * 0.3);
                for (int p = 0; p < PER; p++) {
                    int i = (t * SUB + s) * PER + p;
                    for (int j = 0; j < DIM; j++) x[i][j] = cs[j] + (float) (rng.nextGaussian() * 0.01);
                }
            }
        }
        return x;
    }

    static RqVae.Config small() {
        return new RqVae.Config(new int[] {64}, 8, 3, 8, 0.25, 400, 64, 3e-3, 20);
    }

    static double variance(float[][] x) {
        double[] mean = new double[DIM];
        for (float[] r : x) for (int j = 0; j < DIM; j++) mean[j] += r[j] / x.length;
        double v = 0;
        for (float[] r : x) for (int j = 0; j < DIM; j++) v += (r[j] - mean[j]) * (r[j] - mean[j]);
        return v / x.length;
    }

    @Test
    void reconstructsThePlantedSetAndGivesEveryItemAUniqueId() {
        float[][] x = planted(5);
        RqVae tok = RqVae.fit(x, small(), 11);
        double mse = 0;
        for (float[] r : x) {
            float[] rec = tok.reconstruct(r);
            for (int j = 0; j < DIM; j++) mse += (rec[j] - r[j]) * (rec[j] - r[j]);
        }
        mse /= x.length;
        double var = variance(x);
        assertTrue(mse < 0.05 * var, "squared reconstruction error per item " + mse + " vs. data variance " + var);
        var first = tok.history().get(0);
        var last = tok.history().get(tok.history().size() - 1);
        assertTrue(last.reconstruction() < first.reconstruction() / 2, "training lowered the reconstruction loss: " + first + " -> " + last);

        int[][] codes = new int[x.length][];
        for (int i = 0; i < x.length; i++) codes[i] = tok.encode(x[i]);
        SemanticIds ids = SemanticIds.of(codes, 8);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < x.length; i++) assertTrue(seen.add(Arrays.toString(ids.id(i))), "duplicate ID for item " + i);
        SemanticIds.Report r = ids.report(x, x.length, 1);
        for (int l = 0; l < 3; l++) assertTrue(r.codebookUsage()[l] >= 0.6, "codebook usage " + Arrays.toString(r.codebookUsage()));
        // the tight sub-clusters (4 points, std 0.01) keep together: most share all three codes, and most
        // sub-clusters get a code tuple of their own
        int whole = 0;
        Set<String> tuples = new HashSet<>();
        for (int s = 0; s < TOP * SUB; s++) {
            boolean same = true;
            for (int p = 1; p < PER; p++) same &= Arrays.equals(codes[s * PER], codes[s * PER + p]);
            if (same) whole++;
            tuples.add(Arrays.toString(codes[s * PER]));
        }
        assertTrue(whole >= 0.75 * TOP * SUB, "sub-clusters whose items share all codes: " + whole + " of " + TOP * SUB);
        assertTrue(tuples.size() >= 0.75 * TOP * SUB, "distinct code tuples of the sub-clusters: " + tuples.size() + " of " + TOP * SUB);
        assertTrue(r.neighbourPrefix1() > r.randomPrefix1() + 0.5, "neighbours share the first token: " + r);
    }

    @Test
    void sameSeedSameTokenizerAndARestoredTokenizerEncodesTheSame() {
        float[][] x = planted(8);
        RqVae.Config c = small().withEpochs(20);
        RqVae a = RqVae.fit(x, c, 3), b = RqVae.fit(x, c, 3);
        ParameterSet pa = new ParameterSet(), pb = new ParameterSet();
        a.writeTo(pa, "tok.");
        b.writeTo(pb, "tok.");
        assertEquals(pa.names(), pb.names());
        for (String n : pa.names()) assertArrayEquals(pa.get(n), pb.get(n), n);
        ItemTokenizer back = ItemTokenizer.readFrom("rqvae", pa, "tok.");
        assertEquals(3, back.levels());
        assertEquals(8, back.codebookSize());
        assertEquals(DIM, back.inputDimension());
        float[] fresh = new float[DIM];
        Arrays.fill(fresh, 1.5f); // an item not seen in training still gets codes (cold start)
        for (float[] r : x) assertArrayEquals(a.encode(r), back.encode(r));
        assertArrayEquals(a.encode(fresh), back.encode(fresh));
        RqVae other = RqVae.fit(x, c, 4);
        ParameterSet po = new ParameterSet();
        other.writeTo(po, "tok.");
        assertTrue(!Arrays.equals(pa.get("tok.codebooks"), po.get("tok.codebooks")), "another seed gives other codebooks");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> RqVae.fit(new float[0][], small(), 1));
        var e = assertThrows(IllegalArgumentException.class, () -> RqVae.fit(new float[][] {new float[4], new float[3]}, small(), 1));
        assertTrue(e.getMessage().contains("embedding 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> small().with(Map.of("epoch", "3")));
        RqVae tok = RqVae.fit(planted(1), small().withEpochs(1), 1);
        assertThrows(IllegalArgumentException.class, () -> tok.encode(new float[DIM + 1]));
    }
}
