package io.genrec.server.online;

/**
 * A feedback event credited to the impression (and, within it, the team) that showed the item.
 *
 * @param eventKey  the event's idempotency key, or a key derived from (user, item, type, timestamp) when it has none;
 *                  one event is credited at most once per impression, so retried requests do not count twice
 * @param position  0-based position of the item in the impression
 * @param team      the arm that contributed the item
 */
public record Attribution(String impressionId, String experiment, String user, String item, int position, String team,
                          String type, long timestamp, String eventKey) { }
