package io.genrec.server.store;

import java.util.regex.Pattern;

/**
 * One thing a user did to an item.
 *
 * @param user           external user id (non-blank)
 * @param item           external item id (non-blank)
 * @param type           lower-case action name: {@code view}, {@code click}, {@code purchase}, {@code rating},
 *                       {@code like}, {@code dismiss}, … ({@code [a-z][a-z0-9_]{0,31}})
 * @param value          optional strength (a rating, a play count); null when the action has none
 * @param timestamp      epoch milliseconds
 * @param idempotencyKey optional client key; an event whose key is already stored is not stored again
 */
public record Event(String user, String item, String type, Double value, long timestamp, String idempotencyKey) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public Event {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("event field 'user' must be a non-empty string");
        if (item == null || item.isBlank()) throw new IllegalArgumentException("event field 'item' must be a non-empty string");
        if (type == null || !TYPE.matcher(type).matches())
            throw new IllegalArgumentException("event field 'type' must match [a-z][a-z0-9_]{0,31}, got " + type);
        if (value != null && !Double.isFinite(value)) throw new IllegalArgumentException("event field 'value' must be finite, got " + value);
        if (timestamp < 0) throw new IllegalArgumentException("event field 'timestamp' must be >= 0, got " + timestamp);
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 200))
            throw new IllegalArgumentException("event field 'idempotency_key' must have 1..200 characters");
    }
}
