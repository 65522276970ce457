package io.genrec.llm.llm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the answers to the last {@code maxEntries} distinct requests (messages and options), least recently used
 * evicted first. Evaluation asks for the same user's ranking more than once ({@code scoreAll}, then
 * {@code recommend}); the cache makes the second call free and gives it the same answer. Failures are not cached.
 */
public final class CachingLlmClient implements LlmClient {
    private record Key(List<ChatTurn> messages, LlmOptions options) { }

    private final LlmClient delegate;
    private final Map<Key, String> cache;

    public CachingLlmClient(LlmClient delegate, int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
        this.delegate = delegate;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) { return size() > maxEntries; }
        };
    }

    @Override
    public String complete(List<ChatTurn> messages, LlmOptions options) throws LlmUnavailableException {
        Key key = new Key(List.copyOf(messages), options);
        synchronized (cache) {
            String hit = cache.get(key);
            if (hit != null) return hit;
        }
        String answer = delegate.complete(messages, options);
        synchronized (cache) { cache.put(key, answer); }
        return answer;
    }

    @Override
    public String describe() { return delegate.describe(); }
}
