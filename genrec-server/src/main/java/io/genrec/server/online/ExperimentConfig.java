package io.genrec.server.online;

import com.fasterxml.jackson.databind.JsonNode;
import io.genrec.server.service.FieldException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An online experiment: which served models compete, how traffic reaches them, and which feedback counts.
 *
 * @param id                       {@code [A-Za-z0-9][A-Za-z0-9_.-]{0,63}}; also the salt of the arm hash
 * @param method                   {@link Method#AB} (one arm per user) or {@link Method#TEAM_DRAFT_INTERLEAVING}
 *                                 (two arms mixed in every list)
 * @param arms                     served model names with traffic weights (A/B: 2+ arms, weights > 0; interleaving:
 *                                 exactly 2 arms, weights do not apply and must be left at 1)
 * @param startMillis              epoch ms from which default-model requests go through the experiment
 * @param endMillis                epoch ms when it stopped, or null while running
 * @param attributionWindowMillis  feedback this long after an impression still counts for it
 * @param clickTypes               event types that count as clicks (CTR)
 * @param conversionTypes          event types that count as conversions
 */
public record ExperimentConfig(String id, Method method, List<Arm> arms, long startMillis, Long endMillis,
                               long attributionWindowMillis, List<String> clickTypes, List<String> conversionTypes) {
    public static final long DEFAULT_WINDOW_MILLIS = 24L * 3600 * 1000;
    public static final List<String> DEFAULT_CLICK_TYPES = List.of("click", "like");
    public static final List<String> DEFAULT_CONVERSION_TYPES = List.of("purchase");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    /** How an experiment splits traffic. */
    public enum Method {
        AB("ab"), TEAM_DRAFT_INTERLEAVING("team-draft-interleaving");

        private final String wire;

        Method(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Method parse(String s) {
            for (Method m : values()) if (m.wire.equals(s)) return m;
            throw FieldException.invalid("method", "must be 'ab' or 'team-draft-interleaving', got '" + s + "'");
        }
    }

    /** One competing served model and its share of traffic (relative weight). */
    public record Arm(String model, double weight) { }

    public ExperimentConfig {
        if (id == null || !ID.matcher(id).matches())
            throw FieldException.invalid("id", "must match [A-Za-z0-9][A-Za-z0-9_.-]{0,63}, got '" + id + "'");
        if (method == null) throw FieldException.invalid("method", "is required");
        if (arms == null || arms.size() < 2) throw FieldException.invalid("arms", "needs at least 2 arms");
        if (method == Method.TEAM_DRAFT_INTERLEAVING && arms.size() != 2)
            throw FieldException.invalid("arms", "team-draft-interleaving needs exactly 2 arms, got " + arms.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < arms.size(); i++) {
            Arm a = arms.get(i);
            if (a == null || a.model() == null || a.model().isBlank()) throw FieldException.invalid("arms[" + i + "].model", "must be a served model name");
            if (!seen.add(a.model())) throw FieldException.invalid("arms[" + i + "].model", "repeats '" + a.model() + "'");
            if (!(a.weight() > 0) || !Double.isFinite(a.weight()))
                throw FieldException.invalid("arms[" + i + "].weight", "must be a finite number > 0, got " + a.weight());
            if (method == Method.TEAM_DRAFT_INTERLEAVING && a.weight() != 1.0)
                throw FieldException.invalid("arms[" + i + "].weight", "does not apply to team-draft-interleaving (every list mixes both arms); leave it out");
        }
        arms = List.copyOf(arms);
        if (startMillis < 0) throw FieldException.invalid("start", "must be >= 0");
        if (endMillis != null && endMillis < startMillis) throw FieldException.invalid("end", "must not be before start");
        if (attributionWindowMillis <= 0) throw FieldException.invalid("attribution_window_seconds", "must be > 0");
        clickTypes = types("click_types", clickTypes);
        conversionTypes = types("conversion_types", conversionTypes);
    }

    private static List<String> types(String field, List<String> types) {
        if (types == null || types.isEmpty()) throw FieldException.invalid(field, "needs at least one event type");
        for (String t : types)
            if (t == null || !TYPE.matcher(t).matches()) throw FieldException.invalid(field, "holds '" + t + "', not an event type ([a-z][a-z0-9_]{0,31})");
        return List.copyOf(types);
    }

    public boolean runningAt(long millis) {
        return startMillis <= millis && (endMillis == null || millis < endMillis);
    }

    public ExperimentConfig endedAt(long millis) {
        return new ExperimentConfig(id, method, arms, startMillis, Math.max(startMillis, millis), attributionWindowMillis, clickTypes, conversionTypes);
    }

    public List<String> armNames() {
        return arms.stream().map(Arm::model).toList();
    }

    private static final Set<String> KEYS = Set.of("id", "method", "arms", "start", "end", "attribution_window_seconds", "click_types", "conversion_types");

    /**
     * Reads the API's JSON form ({@code start}/{@code end} in epoch ms; {@code start} defaults to {@code nowMillis};
     * an arm is {@code "ease"} or {@code {"model":"ease","weight":2}}). Unknown keys are errors naming them.
     */
    public static ExperimentConfig fromJson(JsonNode n, long nowMillis) {
        if (n == null || !n.isObject()) throw FieldException.invalid("body", "must be a JSON object");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) throw FieldException.invalid(k, "is not a field of an experiment (expected one of " + new java.util.TreeSet<>(KEYS) + ")");
        }
        String id = text(n, "id", true);
        Method method = Method.parse(text(n, "method", false) == null ? "ab" : text(n, "method", false));
        JsonNode armsNode = n.get("arms");
        if (armsNode == null || !armsNode.isArray()) throw FieldException.invalid("arms", "must be an array of model names or {\"model\":…,\"weight\":…}");
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < armsNode.size(); i++) {
            JsonNode a = armsNode.get(i);
            String f = "arms[" + i + "]";
            if (a.isTextual()) {
                arms.add(new Arm(a.asText(), 1.0));
            } else if (a.isObject()) {
                for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!k.equals("model") && !k.equals("weight")) throw FieldException.invalid(f + "." + k, "is not a field of an arm (model, weight)");
                }
                JsonNode m = a.get("model"), w = a.get("weight");
                if (m == null || !m.isTextual()) throw FieldException.invalid(f + ".model", "must be a string");
                if (w != null && !w.isNumber()) throw FieldException.invalid(f + ".weight", "must be a number");
                arms.add(new Arm(m.asText(), w == null ? 1.0 : w.asDouble()));
            } else {
                throw FieldException.invalid(f, "must be a model name or {\"model\":…,\"weight\":…}");
            }
        }
        long start = n.has("start") ? integer(n, "start") : nowMillis;
        Long end = n.has("end") && !n.get("end").isNull() ? integer(n, "end") : null;
        long window = n.has("attribution_window_seconds") ? Math.multiplyExact(integer(n, "attribution_window_seconds"), 1000L) : DEFAULT_WINDOW_MILLIS;
        return new ExperimentConfig(id, method, arms, start, end, window,
                strings(n, "click_types", DEFAULT_CLICK_TYPES), strings(n, "conversion_types", DEFAULT_CONVERSION_TYPES));
    }

    /** The API's JSON form (what {@link #fromJson} reads). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("method", method.wire());
        List<Map<String, Object>> a = new ArrayList<>();
        for (Arm arm : arms) a.add(Map.of("model", arm.model(), "weight", arm.weight()));
        m.put("arms", a);
        m.put("start", startMillis);
        m.put("end", endMillis);
        m.put("attribution_window_seconds", attributionWindowMillis / 1000);
        m.put("click_types", clickTypes);
        m.put("conversion_types", conversionTypes);
        return m;
    }

    private static String text(JsonNode n, String f, boolean required) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            if (required) throw FieldException.invalid(f, "is required");
            return null;
        }
        if (!v.isTextual()) throw FieldException.invalid(f, "must be a string");
        return v.asText();
    }

    private static long integer(JsonNode n, String f) {
        JsonNode v = n.get(f);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw FieldException.invalid(f, "must be an integer");
        return v.asLong();
    }

    private static List<String> strings(JsonNode n, String f, List<String> dflt) {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) return dflt;
        if (!v.isArray()) throw FieldException.invalid(f, "must be an array of event types");
        List<String> out = new ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isTextual()) throw FieldException.invalid(f, "must be an array of strings");
            out.add(t.asText());
        }
        return out;
    }
}
