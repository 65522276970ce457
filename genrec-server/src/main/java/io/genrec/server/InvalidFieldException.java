package io.genrec.server;

/** Bad input whose fault lies in one named field; routes answer 400 naming it, MCP tools a tool error naming it. */
public class InvalidFieldException extends IllegalArgumentException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super("'" + field + "' " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
