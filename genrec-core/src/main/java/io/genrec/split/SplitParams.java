package io.genrec.split;

import io.genrec.config.Params;

/** Validation of splitter parameters (errors name protocol, key and value) and the {@link Split#description()} format. */
final class SplitParams {
    private SplitParams() { }

    /** A fraction in [0,1) (or (0,1) when {@code zeroAllowed} is false), read from {@code params}. */
    static double fraction(Params params, String protocol, String key, double def, boolean zeroAllowed) {
        return checkFraction(protocol, key, params.getDouble(key, def), zeroAllowed);
    }

    static double checkFraction(String protocol, String key, double value, boolean zeroAllowed) {
        boolean ok = value < 1 && (zeroAllowed ? value >= 0 : value > 0);
        if (!ok) throw bad(protocol, key, value, zeroAllowed ? "a fraction in [0, 1)" : "a fraction in (0, 1)");
        return value;
    }

    static int checkAtLeast(String protocol, String key, int value, int min, String why) {
        if (value < min) throw bad(protocol, key, value, "at least " + min + " (" + why + ")");
        return value;
    }

    static IllegalArgumentException bad(String protocol, String key, Object value, String expected) {
        return new IllegalArgumentException(protocol + ": parameter '" + key + "' = " + value + ": expected " + expected);
    }

    /** {@code protocol(k1=v1,k2=v2,...)} from alternating keys and values. */
    static String describe(String protocol, Object... keyValues) {
        StringBuilder sb = new StringBuilder(protocol).append('(');
        for (int i = 0; i < keyValues.length; i += 2) {
            if (i > 0) sb.append(',');
            sb.append(keyValues[i]).append('=').append(keyValues[i + 1]);
        }
        return sb.append(')').toString();
    }

    /** {@code protocol(k1=v1,...,seed=s)}: the {@link Split#description()} of a split made with {@code seed}. */
    static String describe(String protocol, Object[] keyValues, long seed) {
        Object[] all = java.util.Arrays.copyOf(keyValues, keyValues.length + 2);
        all[keyValues.length] = "seed";
        all[keyValues.length + 1] = seed;
        return describe(protocol, all);
    }
}
