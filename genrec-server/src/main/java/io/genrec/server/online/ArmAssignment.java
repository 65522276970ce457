package io.genrec.server.online;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Stable A/B assignment: a user always lands in the same arm of an experiment, in every process and JVM, and
 * different experiments split users independently.
 *
 * <p>The hash: SHA-256 of the UTF-8 bytes of {@code experimentId + "\n" + user}; its first 8 bytes, big-endian, as an
 * unsigned 64-bit number {@code h}; the point {@code u = (h >>> 11) / 2^53} in [0, 1). The arm is the first whose
 * cumulative weight share exceeds {@code u}. SHA-256 rather than {@link String#hashCode()}: the point is fixed by a
 * public standard (reproducible with {@code printf 'exp\nuser' | sha256sum}), well mixed in every bit, and unaffected
 * by JVM versions.
 */
public final class ArmAssignment {
    private ArmAssignment() { }

    /** The user's point in [0, 1) for this experiment. */
    public static double point(String experimentId, String user) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest((experimentId + "\n" + user).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) h = (h << 8) | (d[i] & 0xFF);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Index of the arm the user is assigned to. */
    public static int arm(String experimentId, String user, List<ExperimentConfig.Arm> arms) {
        double total = 0;
        for (ExperimentConfig.Arm a : arms) total += a.weight();
        double u = point(experimentId, user) * total, acc = 0;
        for (int i = 0; i < arms.size(); i++) {
            acc += arms.get(i).weight();
            if (u < acc) return i;
        }
        return arms.size() - 1; // u * total may round up to total
    }
}
