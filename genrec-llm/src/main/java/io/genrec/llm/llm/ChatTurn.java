package io.genrec.llm.llm;

/**
 * One message of a chat prompt. GenRec's own small type, so prompt building and parsing do not depend on the
 * LangChain4j message classes (only {@link LangChainLlmClient} translates them).
 */
public record ChatTurn(Role role, String text) {
    /** Who speaks a turn. */
    public enum Role { SYSTEM, USER, ASSISTANT }

    public ChatTurn {
        if (role == null) throw new IllegalArgumentException("role must not be null");
        text = text == null ? "" : text;
    }

    public static ChatTurn system(String text) { return new ChatTurn(Role.SYSTEM, text); }

    public static ChatTurn user(String text) { return new ChatTurn(Role.USER, text); }

    public static ChatTurn assistant(String text) { return new ChatTurn(Role.ASSISTANT, text); }
}
