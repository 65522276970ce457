package io.genrec.server.online;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ArmAssignmentTest {
    private static final List<ExperimentConfig.Arm> ARMS = List.of(
            new ExperimentConfig.Arm("ease", 5), new ExperimentConfig.Arm("sasrec", 3), new ExperimentConfig.Arm("pop", 2));

    @Test
    void pointIsTheDocumentedSha256Prefix() {
        // `printf 'exp1\nuser42' | sha256sum` starts 4e7f34a2320a0fc1: the point depends on no JVM detail
        double expected = (Long.parseUnsignedLong("4e7f34a2320a0fc1", 16) >>> 11) * 0x1.0p-53;
        assertEquals(expected, ArmAssignment.point("exp1", "user42"));
        assertEquals(0.30662850341654047, ArmAssignment.point("exp1", "user42"), 1e-15);
    }

    @Test
    void sameUserSameArmEveryTime() {
        for (int u = 0; u < 500; u++) {
            int first = ArmAssignment.arm("exp", "u" + u, ARMS);
            for (int rep = 0; rep < 3; rep++) assertEquals(first, ArmAssignment.arm("exp", "u" + u, ARMS));
        }
    }

    @Test
    void splitFollowsTheWeights() {
        int n = 30_000;
        long[] counts = new long[3];
        for (int u = 0; u < n; u++) counts[ArmAssignment.arm("split-test", "user-" + u, ARMS)]++;
        double[] share = {0.5, 0.3, 0.2};
        double chi2 = 0;
        for (int i = 0; i < 3; i++) {
            double e = n * share[i];
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        // chi-square with 2 degrees of freedom: P(X > 13.82) = 0.001
        assertTrue(chi2 < 13.82, "split " + java.util.Arrays.toString(counts) + " deviates from 50/30/20: chi2=" + chi2);
    }

    @Test
    void experimentsSplitUsersIndependently() {
        List<ExperimentConfig.Arm> half = List.of(new ExperimentConfig.Arm("a", 1), new ExperimentConfig.Arm("b", 1));
        int n = 20_000, same = 0;
        for (int u = 0; u < n; u++) if (ArmAssignment.arm("exp-one", "u" + u, half) == ArmAssignment.arm("exp-two", "u" + u, half)) same++;
        // independent 50/50 splits agree for half the users; 4.5 standard deviations (sd = sqrt(n)/2)
        assertEquals(n / 2.0, same, 4.5 * Math.sqrt(n) / 2, "agreement between two experiments' splits: " + same + "/" + n);
    }

    @Test
    void pointsAreUniform() {
        int n = 20_000, bins = 10;
        long[] c = new long[bins];
        for (int u = 0; u < n; u++) c[(int) (ArmAssignment.point("uniform", "u" + u) * bins)]++;
        double chi2 = 0, e = n / (double) bins;
        for (long x : c) chi2 += (x - e) * (x - e) / e;
        assertTrue(chi2 < 27.88, "chi2 with 9 df above the 0.001 critical value: " + chi2 + " " + java.util.Arrays.toString(c));
    }
}
