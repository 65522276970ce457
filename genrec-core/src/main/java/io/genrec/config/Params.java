package io.genrec.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * String key/value hyperparameters from the command line or a config file, read into typed config records.
 * Each getter validates and names the key and its source on a bad value; {@link #requireAllUsed()} rejects
 * unknown keys (a typo must fail, not silently fall back to a default).
 */
public final class Params {
    private final Map<String, String> values;
    private final String source;
    private final Set<String> used = new TreeSet<>();

    public Params(Map<String, String> values, String source) {
        this.values = new LinkedHashMap<>(values);
        this.source = source;
    }

    public static Params empty() { return new Params(Map.of(), "defaults"); }

    public String source() { return source; }

    public boolean has(String key) { return values.containsKey(key); }

    /** Whether a getter has asked for {@code key} (with or without a value present): the reader knows the key. */
    public boolean wasRead(String key) { return used.contains(key); }

    public String getString(String key, String def) {
        used.add(key);
        return values.getOrDefault(key, def);
    }

    public int getInt(String key, int def) {
        used.add(key);
        String v = values.get(key);
        if (v == null) return def;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    public long getLong(String key, long def) {
        used.add(key);
        String v = values.get(key);
        if (v == null) return def;
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "an integer");
        }
    }

    public double getDouble(String key, double def) {
        used.add(key);
        String v = values.get(key);
        if (v == null) return def;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number");
        }
    }

    public boolean getBoolean(String key, boolean def) {
        used.add(key);
        String v = values.get(key);
        if (v == null) return def;
        return switch (v.trim().toLowerCase()) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw bad(key, v, "true or false");
        };
    }

    /** The raw value of {@code key} or null, marking the key as known (for readers such as {@link ConfigBinder}). */
    public String take(String key) {
        used.add(key);
        return values.get(key);
    }

    /** The error for a bad value, naming this source, the key and the value. */
    public IllegalArgumentException invalid(String key, String value, String expected) { return bad(key, value, expected); }

    private IllegalArgumentException bad(String key, String value, String expected) {
        return new IllegalArgumentException(source + ": parameter '" + key + "' = '" + value + "': expected " + expected);
    }

    /** Throws naming every key that no getter asked for, with the keys that are known. */
    public void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty())
            throw new IllegalArgumentException(source + ": unknown parameter(s) " + unknown + "; known: " + used);
    }
}
