package io.genrec.llm.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LlmClient} over a LangChain4j {@link ChatModel}; {@link #openAi} builds one for any OpenAI-compatible
 * endpoint. One attempt per call (LangChain4j's own retries are switched off): retrying is {@link RetryingLlmClient}'s
 * job, so the policy is in one place and testable. Every failure becomes an {@link LlmUnavailableException} with a
 * one-line reason and a retriable flag.
 */
public final class LangChainLlmClient implements LlmClient {
    private final ChatModel model;
    private final String description;

    public LangChainLlmClient(ChatModel model, String description) {
        this.model = model;
        this.description = description;
    }

    /** A client for the endpoint in {@code config} (time-out applied per request, no internal retries). */
    public static LangChainLlmClient openAi(LlmConfig config) {
        ChatModel m = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl())
                .apiKey(config.apiKey())
                .modelName(config.modelName())
                .timeout(config.timeout())
                .maxRetries(0)
                .build();
        return new LangChainLlmClient(m, config.describe());
    }

    @Override
    public String complete(List<ChatTurn> messages, LlmOptions options) throws LlmUnavailableException {
        ChatRequest request = ChatRequest.builder()
                .messages(toLangChain(messages))
                .temperature(options.temperature())
                .maxOutputTokens(options.maxTokens())
                .build();
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            if (isProgrammingError(e)) throw e;
            throw classify(e);
        }
        AiMessage ai = response == null ? null : response.aiMessage();
        String text = ai == null ? null : ai.text();
        if (text == null || text.isBlank()) throw new LlmUnavailableException("empty answer from " + description, true);
        return text;
    }

    @Override
    public String describe() { return description; }

    private static List<ChatMessage> toLangChain(List<ChatTurn> turns) {
        List<ChatMessage> out = new ArrayList<>(turns.size());
        for (ChatTurn t : turns) {
            out.add(switch (t.role()) {
                case SYSTEM -> SystemMessage.from(t.text());
                case USER -> UserMessage.from(t.text());
                case ASSISTANT -> AiMessage.from(t.text());
            });
        }
        return out;
    }

    /**
     * A bug rather than an outage: NPE, ClassCast, IndexOutOfBounds, IllegalArgument/State thrown directly (not wrapped
     * by LangChain4j, whose own exceptions are failures of the call) and with no transport failure in the cause chain.
     */
    static boolean isProgrammingError(RuntimeException e) {
        if (e instanceof dev.langchain4j.exception.LangChain4jException) return false;
        for (Throwable t = e.getCause(); t != null; t = t.getCause())
            if (t instanceof java.io.IOException || t instanceof dev.langchain4j.exception.LangChain4jException) return false;
        return e instanceof NullPointerException || e instanceof ClassCastException || e instanceof IndexOutOfBoundsException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
    }

    /** Maps a LangChain4j/transport failure to a typed one, looking through the cause chain. */
    static LlmUnavailableException classify(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof dev.langchain4j.exception.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException)
                return new LlmUnavailableException("timeout", true, e);
            if (t instanceof ConnectException) return new LlmUnavailableException("connection refused", true, e);
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException)
                return new LlmUnavailableException("unknown host", false, e);
            if (t instanceof HttpException h) {
                int code = h.statusCode();
                boolean retriable = code >= 500 || code == 429 || code == 408;
                return new LlmUnavailableException("HTTP " + code + describeStatus(code), retriable, e);
            }
        }
        if (e instanceof RetriableException) return new LlmUnavailableException(oneLine(e), true, e);
        if (e instanceof NonRetriableException) return new LlmUnavailableException(oneLine(e), false, e);
        return new LlmUnavailableException(oneLine(e), false, e);
    }

    private static String describeStatus(int code) {
        return switch (code) {
            case 401, 403 -> " (check OPENAI_API_KEY)";
            case 404 -> " (unknown model or wrong base URL)";
            case 429 -> " (rate limited)";
            default -> "";
        };
    }

    /** The exception's class and first message line, capped: reasons are shown to users on one line. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) m = "";
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        if (m.length() > 160) m = m.substring(0, 160) + "…";
        return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
    }
}
