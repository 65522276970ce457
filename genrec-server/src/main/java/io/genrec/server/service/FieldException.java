package io.genrec.server.service;

import java.util.NoSuchElementException;

/** Errors that name the request field they are about, so the HTTP answer can name it too. */
public final class FieldException {
    private FieldException() { }

    /** A bad value for {@code field} whose message starts with the quoted field name: {@code 'arms' needs at least 2 arms}. */
    public static Invalid invalid(String field, String detail) {
        return new Invalid(field, "'" + field + "' " + detail);
    }

    /** A bad value for {@code field} (HTTP 400). */
    public static final class Invalid extends IllegalArgumentException {
        private final String field;

        public Invalid(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }

    /** An id (user, item, model) that does not exist (HTTP 404). */
    public static final class Unknown extends NoSuchElementException {
        private final String field;

        public Unknown(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() { return field; }
    }

    /** The service cannot answer yet (models still loading, search index still building; HTTP 503). */
    public static final class NotReady extends IllegalStateException {
        public NotReady(String message) { super(message); }
    }
}
