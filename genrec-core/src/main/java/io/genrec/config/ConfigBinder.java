package io.genrec.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reads and writes config records whose components carry {@link Param}, so each key, default and range is written
 * once: {@link #bind} reads {@link Params} over a defaults instance, {@link #toParams} writes the keys back (what an
 * archive stores), {@link #check} validates a directly constructed record, {@link #describe} lists the keys. A
 * component that is a record without {@link Param} is a nested block whose keys are flattened into the owner's.
 * Cross-field rules (e.g. heads must divide hidden_size) stay in the record's compact constructor.
 */
public final class ConfigBinder {
    private static final Map<Class<?>, List<Comp>> CACHE = new ConcurrentHashMap<>();
    // a lambda, not System.err::println, so a System.setErr after class initialisation (CLI tests) is honoured
    private static volatile Consumer<String> warnings = s -> System.err.println(s);
    /** Each deprecation is said once per sink, not once per grid point. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private ConfigBinder() {}

    /** Where deprecation warnings go (stderr by default, which the CLI shows); returns the previous sink. */
    public static Consumer<String> warnings(Consumer<String> sink) {
        Consumer<String> old = warnings;
        warnings = sink;
        WARNED.clear();
        return old;
    }

    /** {@code defaults} with every key present in {@code p} replaced; bad values name the source, key and value. */
    public static <R extends Record> R bind(R defaults, Params p) {
        @SuppressWarnings("unchecked") Class<R> type = (Class<R>) defaults.getClass();
        List<Comp> comps = comps(type);
        Object[] values = new Object[comps.size()];
        for (int i = 0; i < comps.size(); i++) {
            Comp c = comps.get(i);
            Object def = get(c.rc, defaults);
            values[i] = c.nested ? bind((Record) def, p) : c.ann.internal() ? def : read(c, p, def);
        }
        for (int i = 0; i < comps.size(); i++) {
            Comp c = comps.get(i);
            if (c.whenKey == null || !p.has(c.key)) continue;
            String actual = sibling(comps, values, c.whenKey);
            if (!c.whenValue.equals(actual))
                throw new IllegalArgumentException(p.source() + ": parameter '" + c.key + "' needs " + c.whenKey + "="
                        + c.whenValue + " (" + c.whenKey + "=" + actual + ")");
        }
        try {
            return construct(type, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p.source() + ": " + e.getMessage(), e);
        }
    }

    /** The keys of {@code config} as command-line strings, nested blocks flattened; conditional keys only when active. */
    public static Map<String, String> toParams(Record config) {
        Map<String, String> m = new LinkedHashMap<>();
        List<Comp> comps = comps(config.getClass());
        Object[] values = new Object[comps.size()];
        for (int i = 0; i < comps.size(); i++) values[i] = get(comps.get(i).rc, config);
        for (int i = 0; i < comps.size(); i++) {
            Comp c = comps.get(i);
            if (c.nested) m.putAll(toParams((Record) values[i]));
            else if (c.ann.internal()) continue;
            else if (c.whenKey == null || c.whenValue.equals(sibling(comps, values, c.whenKey))) m.put(c.key, format(values[i]));
        }
        return m;
    }

    /**
     * Validates component values in declaration order against their {@link Param} ranges; call it from a compact
     * constructor ({@code ConfigBinder.check(EaseConfig.class, lambda, precision)}) so a directly built record is
     * checked by the same rules as a bound one.
     */
    public static void check(Class<? extends Record> type, Object... values) {
        List<Comp> comps = comps(type);
        if (values.length != comps.size())
            throw new IllegalStateException(type.getSimpleName() + ": check got " + values.length + " values for " + comps.size() + " components");
        String model = modelName(type);
        for (int i = 0; i < values.length; i++) {
            Comp c = comps.get(i);
            if (values[i] == null) throw new IllegalArgumentException(model + ": '" + c.key + "' must not be null");
            if (c.nested) continue;
            String problem = problem(c, values[i]);
            if (problem != null)
                throw new IllegalArgumentException(model + ": parameter '" + c.key + "' must be " + problem + ", got " + format(values[i]));
        }
    }

    /** Every key of {@code defaults}' type with its default, range and deprecated spellings, nested blocks flattened. */
    public static List<ParamInfo> describe(Record defaults) {
        List<ParamInfo> out = new ArrayList<>();
        for (Comp c : comps(defaults.getClass())) {
            Object def = get(c.rc, defaults);
            if (c.nested) {
                out.addAll(describe((Record) def));
                continue;
            }
            if (c.ann.internal()) continue;
            String range = rangeText(c);
            if (c.whenKey != null) range = (range.isEmpty() ? "" : range + "; ") + "only with " + c.whenKey + "=" + c.whenValue;
            out.add(new ParamInfo(c.key, typeName(c.rc.getType()), format(def), range, List.of(c.ann.aliases()), c.ann.doc()));
        }
        return out;
    }

    /** The snake_case form of a camelCase name ({@code hiddenSize} → {@code hidden_size}). */
    public static String snakeCase(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (Character.isUpperCase(ch)) {
                if (i > 0) b.append('_');
                b.append(Character.toLowerCase(ch));
            } else b.append(ch);
        }
        return b.toString();
    }

    private static Object read(Comp c, Params p, Object def) {
        String key = c.key;
        String raw = p.take(c.key);
        for (String alias : c.ann.aliases()) {
            if (!p.has(alias)) continue;
            String old = p.take(alias);
            if (raw != null)
                throw new IllegalArgumentException(p.source() + ": parameter '" + alias + "' is the old spelling of '" + c.key + "'; give only one");
            raw = old;
            key = alias;
            String msg = "warning: " + p.source() + ": parameter '" + alias + "' is deprecated, use '" + c.key + "'";
            if (WARNED.add(alias + "\u0000" + c.key)) warnings.accept(msg);
        }
        if (raw == null) return def;
        Object v = parse(c, p, key, raw);
        String problem = problem(c, v);
        if (problem != null) throw p.invalid(key, raw, problem);
        return v;
    }

    private static Object parse(Comp c, Params p, String key, String raw) {
        Class<?> t = c.rc.getType();
        String s = raw.trim();
        try {
            if (t == int.class || t == Integer.class) return Integer.parseInt(s);
            if (t == long.class || t == Long.class) return Long.parseLong(s);
            if (t == double.class || t == Double.class) return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw p.invalid(key, raw, t == double.class || t == Double.class ? "a number" : "an integer");
        }
        if (t == boolean.class || t == Boolean.class) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw p.invalid(key, raw, "true or false");
            };
        }
        if (t == List.class) {
            // "600,200" or "[600, 200]"; empty means no entries
            String body = s.replace("[", "").replace("]", "").trim();
            List<Integer> out = new ArrayList<>();
            if (!body.isEmpty())
                for (String part : body.split(",")) {
                    try {
                        out.add(Integer.parseInt(part.trim()));
                    } catch (NumberFormatException e) {
                        throw p.invalid(key, raw, "comma-separated integers");
                    }
                }
            return List.copyOf(out);
        }
        if (t == String.class) {
            for (String choice : c.ann.choices()) if (choice.equalsIgnoreCase(s)) return choice;
            return raw;
        }
        throw new IllegalStateException("ConfigBinder: unsupported type " + t + " of " + c.key);
    }

    /** What {@code v} must be, or null when it is fine. */
    private static String problem(Comp c, Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            boolean ok = !Double.isNaN(d) && !Double.isInfinite(d)
                    && (c.ann.minExclusive() ? d > c.ann.min() : d >= c.ann.min())
                    && (c.ann.maxExclusive() ? d < c.ann.max() : d <= c.ann.max());
            return ok ? null : (rangeText(c).isEmpty() ? "a finite number" : rangeText(c));
        }
        if (v instanceof List<?> l) {
            for (Object o : l) {
                double d = ((Number) o).doubleValue();
                if (!(c.ann.minExclusive() ? d > c.ann.min() : d >= c.ann.min()) || !(c.ann.maxExclusive() ? d < c.ann.max() : d <= c.ann.max()))
                    return "comma-separated integers, each " + rangeText(c);
            }
            return null;
        }
        if (v instanceof String s && c.ann.choices().length > 0 && !Arrays.asList(c.ann.choices()).contains(s))
            return rangeText(c);
        return null;
    }

    private static String rangeText(Comp c) {
        Param a = c.ann;
        if (a.choices().length > 0) return "one of " + String.join(", ", a.choices());
        boolean lo = a.min() != Double.NEGATIVE_INFINITY, hi = a.max() != Double.POSITIVE_INFINITY;
        if (lo && hi) return "in " + (a.minExclusive() ? "(" : "[") + num(a.min()) + ", " + num(a.max()) + (a.maxExclusive() ? ")" : "]");
        if (lo) return (a.minExclusive() ? "> " : ">= ") + num(a.min());
        if (hi) return (a.maxExclusive() ? "< " : "<= ") + num(a.max());
        return "";
    }

    private static String num(double d) { return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d); }

    private static String format(Object v) {
        if (v instanceof List<?> l) return String.join(",", l.stream().map(String::valueOf).toList());
        return String.valueOf(v);
    }

    private static String typeName(Class<?> t) {
        if (t == int.class || t == Integer.class) return "int";
        if (t == long.class || t == Long.class) return "long";
        if (t == double.class || t == Double.class) return "double";
        if (t == boolean.class || t == Boolean.class) return "boolean";
        if (t == List.class) return "int list";
        return "string";
    }

    private static String sibling(List<Comp> comps, Object[] values, String key) {
        for (int i = 0; i < comps.size(); i++) if (comps.get(i).key.equals(key)) return format(values[i]);
        throw new IllegalStateException("ConfigBinder: 'when' names unknown key " + key);
    }

    private static String modelName(Class<?> type) {
        String n = type.getSimpleName();
        return (n.endsWith("Config") ? n.substring(0, n.length() - 6) : n).toLowerCase(Locale.ROOT);
    }

    private static Object get(RecordComponent rc, Record r) {
        try {
            var accessor = rc.getAccessor();
            accessor.setAccessible(true); // config records may be private nested records of a provider
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("ConfigBinder: cannot read " + rc.getName() + " of " + r.getClass().getName(), e);
        }
    }

    private static <R> R construct(Class<R> type, Object[] values) {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("ConfigBinder: cannot construct " + type.getName(), e);
        }
    }

    private static List<Comp> comps(Class<?> type) {
        return CACHE.computeIfAbsent(type, t -> {
            if (!t.isRecord()) throw new IllegalArgumentException("ConfigBinder: " + t.getName() + " is not a record");
            List<Comp> list = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (RecordComponent rc : t.getRecordComponents()) {
                Param a = rc.getAnnotation(Param.class);
                boolean nested = a == null && rc.getType().isRecord();
                if (a == null && !nested)
                    throw new IllegalStateException("ConfigBinder: component " + rc.getName() + " of " + t.getName() + " has no @Param");
                String key = a == null ? rc.getName() : a.name().isEmpty() ? snakeCase(rc.getName()) : a.name();
                if (!keys.add(key)) throw new IllegalStateException("ConfigBinder: duplicate key " + key + " in " + t.getName());
                String whenKey = null, whenValue = null;
                if (a != null && !a.when().isEmpty()) {
                    int eq = a.when().indexOf('=');
                    whenKey = a.when().substring(0, eq);
                    whenValue = a.when().substring(eq + 1);
                }
                list.add(new Comp(rc, a, key, nested, whenKey, whenValue));
            }
            return List.copyOf(list);
        });
    }

    private record Comp(RecordComponent rc, Param ann, String key, boolean nested, String whenKey, String whenValue) {}
}
