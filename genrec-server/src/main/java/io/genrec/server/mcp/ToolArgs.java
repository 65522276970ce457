package io.genrec.server.mcp;

import io.genrec.server.service.FieldException;

import java.util.Map;
import java.util.Set;

/**
 * A tool call's arguments, read by name with the checks the input schema states, so a bad call becomes a tool error
 * naming the argument instead of a protocol error or an exception deep in the service.
 */
final class ToolArgs {
    private final Map<String, Object> args;

    ToolArgs(Map<String, Object> args, Set<String> allowed) {
        this.args = args == null ? Map.of() : args;
        for (String k : this.args.keySet())
            if (!allowed.contains(k)) throw FieldException.invalid(k, "is not an argument of this tool (expected one of " + new java.util.TreeSet<>(allowed) + ")");
    }

    String requiredString(String name) {
        String s = optString(name);
        if (s == null) throw FieldException.invalid(name, "is required");
        return s;
    }

    String optString(String name) {
        Object v = args.get(name);
        if (v == null) return null;
        if (!(v instanceof String s)) throw FieldException.invalid(name, "must be a string, got " + describe(v));
        if (s.isBlank()) throw FieldException.invalid(name, "must not be empty");
        return s;
    }

    int optInt(String name, int dflt, int min, int max) {
        Object v = args.get(name);
        if (v == null) return dflt;
        long x = integral(name, v);
        if (x < min || x > max) throw FieldException.invalid(name, "must be between " + min + " and " + max + ", got " + x);
        return (int) x;
    }

    Long optLong(String name, long min) {
        Object v = args.get(name);
        if (v == null) return null;
        long x = integral(name, v);
        if (x < min) throw FieldException.invalid(name, "must be >= " + min + ", got " + x);
        return x;
    }

    boolean optBool(String name, boolean dflt) {
        Object v = args.get(name);
        if (v == null) return dflt;
        if (!(v instanceof Boolean b)) throw FieldException.invalid(name, "must be true or false, got " + describe(v));
        return b;
    }

    Double optDouble(String name) {
        Object v = args.get(name);
        if (v == null) return null;
        if (!(v instanceof Number n)) throw FieldException.invalid(name, "must be a number, got " + describe(v));
        double d = n.doubleValue();
        if (!Double.isFinite(d)) throw FieldException.invalid(name, "must be finite");
        return d;
    }

    private static long integral(String name, Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof java.math.BigInteger b && b.bitLength() < 64) return b.longValue();
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 0x1p53) return (long) n.doubleValue();
        throw FieldException.invalid(name, "must be an integer, got " + describe(v));
    }

    private static String describe(Object v) {
        return v instanceof String s ? "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"" : v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + v;
    }
}
