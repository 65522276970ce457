package io.genrec.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON error shape every route answers with: {@code {"error":{"status":400,"field":"k","message":"..."}}}.
 * {@code field} names the offending parameter or body field, or is null when no single field is at fault.
 */
public record ApiError(int status, String field, String message) {
    /** The JSON body (a map, so any JSON mapper writes it the same way). */
    public Map<String, Object> body() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("status", status);
        e.put("field", field);
        e.put("message", message);
        return Map.of("error", e);
    }
}
