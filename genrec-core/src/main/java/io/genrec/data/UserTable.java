package io.genrec.data;

import java.util.Map;

/**
 * Optional user attributes (age, gender, occupation, …) by dense user id, kept for fairness audits. Immutable.
 */
public final class UserTable {
    private final Map<String, String>[] attributes;

    @SuppressWarnings("unchecked")
    public UserTable(Map<String, String>[] attributes) {
        this.attributes = attributes.clone();
        for (int i = 0; i < this.attributes.length; i++) {
            this.attributes[i] = this.attributes[i] == null ? Map.of() : Map.copyOf(this.attributes[i]);
        }
    }

    @SuppressWarnings("unchecked")
    public static UserTable empty(int numUsers) { return new UserTable(new Map[numUsers]); }

    public int size() { return attributes.length; }

    public Map<String, String> attributes(int user) { return attributes[user]; }
}
