package io.genrec.llm.crs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Offline conversational recommendation over one catalogue, for {@code genrec chat} and {@code POST /v1/chat}: keeps
 * bounded sessions (at most {@link Limits#maxSessions} sessions, each expiring after {@link Limits#idle} without a
 * message and keeping its last {@link Limits#maxTurns} utterances; messages longer than
 * {@link Limits#maxMessageChars} are refused), tracks the dialogue state, ranks with a {@link CrsRecommender} and
 * answers from templates. Every item named comes from the catalogue. When the tracker finds no preference, it asks.
 * Thread safe.
 */
public final class ChatEngine {
    /** Session bounds. */
    public record Limits(int maxSessions, Duration idle, int maxTurns, int maxMessageChars, int items) {
        public static final Limits DEFAULT = new Limits(1000, Duration.ofMinutes(30), 40, 2000, 3);
    }

    private static final class Session {
        final List<Utterance> turns = new ArrayList<>();
        long lastSeen;
    }

    private final CrsCatalog catalog;
    private final StateTracker tracker;
    private final CrsRecommender recommender;
    private final Limits limits;
    private final Clock clock;
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final CrsAgent agent;
    private final String agentMissing;
    private volatile LlmReplies replies;

    /** Lets {@code r} write the reply text over each answer's grounded items (null: templates only). */
    public ChatEngine withReplies(LlmReplies r) { this.replies = r; return this; }

    public ChatEngine(CrsCatalog catalog, StateTracker tracker, CrsRecommender recommender, Limits limits, Clock clock) {
        this(catalog, tracker, recommender, limits, clock, null, null);
    }

    private ChatEngine(CrsCatalog catalog, StateTracker tracker, CrsRecommender recommender, Limits limits, Clock clock, CrsAgent agent, String agentMissing) {
        this.catalog = catalog; this.tracker = tracker; this.recommender = recommender; this.limits = limits; this.clock = clock;
        this.agent = agent; this.agentMissing = agentMissing;
    }

    /**
     * This engine with the LLM agent answering (its fallback: this engine's recommender, which must be a
     * {@link FusionRecommender} so the agent's tools share its signals); {@code llm == null} means no endpoint is
     * configured: the offline recommender answers and every reply is marked as a fallback.
     */
    public ChatEngine withAgent(io.genrec.llm.llm.LlmClient llm, int maxSteps, java.util.function.Consumer<String> onFallback) {
        if (llm == null) return new ChatEngine(catalog, tracker, recommender, limits, clock, null, "no LLM endpoint configured");
        if (!(recommender instanceof FusionRecommender f)) throw new IllegalArgumentException("the agent needs the fusion recommender's signals");
        return new ChatEngine(catalog, tracker, recommender, limits, clock,
                new CrsAgent(llm, catalog, f.signals(), tracker, recommender, maxSteps, onFallback), null);
    }

    public CrsCatalog catalog() { return catalog; }

    public StateTracker tracker() { return tracker; }

    /** Answers {@code message} in session {@code id} (null or unknown/expired: a new session). */
    public ChatReply reply(String id, String message) {
        if (message == null || message.isBlank()) throw new IllegalArgumentException("message must not be empty");
        if (message.length() > limits.maxMessageChars())
            throw new IllegalArgumentException("message has " + message.length() + " characters; the limit is " + limits.maxMessageChars());
        List<Utterance> context;
        String sid;
        synchronized (sessions) {
            long now = clock.millis();
            sessions.values().removeIf(s -> now - s.lastSeen > limits.idle().toMillis());
            Session s = id == null ? null : sessions.get(id);
            sid = s == null ? UUID.randomUUID().toString() : id;
            if (s == null) {
                s = new Session();
                sessions.put(sid, s);
                while (sessions.size() > limits.maxSessions()) sessions.remove(sessions.keySet().iterator().next());
            }
            s.lastSeen = now;
            s.turns.add(Utterance.user(message));
            context = List.copyOf(s.turns);
        }
        ChatReply r = answer(sid, context);
        synchronized (sessions) {
            Session s = sessions.get(sid);
            if (s != null) {
                s.turns.add(Utterance.recommender(r.reply()));
                while (s.turns.size() > limits.maxTurns()) s.turns.removeFirst();
            }
        }
        return r;
    }

    /** Number of live sessions (for tests and metrics). */
    public int sessions() { synchronized (sessions) { return sessions.size(); } }

    ChatReply answer(String sid, List<Utterance> context) {
        ChatReply r = rank(sid, context);
        LlmReplies w = replies;
        if (w == null || r.items().isEmpty()) return r;
        List<Integer> items = r.items().stream().map(it -> catalog.indexOfId(it.item())).toList();
        String text = w.write(items, tracker.track(context));
        return text == null ? r.withReply(r.reply(), "template (LLM reply rejected)") : r.withReply(text, "llm");
    }

    private ChatReply rank(String sid, List<Utterance> context) {
        DialogueState state = tracker.track(context);
        String query = CrsBenchmark.queryText(context.stream().filter(Utterance::seeker).toList());
        if (!state.hasPreference() && state.avoidGenres().isEmpty() && query.split("\\s+").length < 3)
            return new ChatReply(sid, "Tell me a movie or two you loved, or the kind of film you are in the mood for.", List.of(), false);
        if (agent != null) return agent.answer(sid, context, limits.items());
        float[] scores = new float[catalog.size()];
        recommender.score(new CrsRecommender.Turn(context, state, query), scores);
        FusionRecommender.mask(state.mentioned(), scores);
        // "less violent" / "no horror" is a constraint in a chat, not a preference: drop those movies outright
        for (int i = 0; i < scores.length; i++)
            for (String g : state.avoidGenres()) if (Signals.hasGenre(catalog.get(i), g)) { scores[i] = Float.NEGATIVE_INFINITY; break; }
        List<Integer> top = top(scores, limits.items());
        List<ChatReply.Item> items = new ArrayList<>();
        for (int i : top) {
            String why = Responses.reason(catalog, i, state);
            items.add(new ChatReply.Item(catalog.get(i).id(), catalog.get(i).name(), why));
        }
        return new ChatReply(sid, Responses.recommend(catalog, top, state), items, agentMissing != null);
    }

    static List<Integer> top(float[] s, int k) {
        List<Integer> out = new ArrayList<>();
        boolean[] used = new boolean[s.length];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int i = 0; i < s.length; i++) if (!used[i] && s[i] != Float.NEGATIVE_INFINITY && (best < 0 || s[i] > s[best])) best = i;
            if (best < 0) break;
            used[best] = true; out.add(best);
        }
        return out;
    }

    /** Fixed weights for chat catalogues (no tuning dialogues exist for them); chosen by hand, see docs/results/crs-redial.md. */
    public static final FusionRecommender.Weights CHAT_WEIGHTS = new FusionRecommender.Weights(0.3f, 1, 4, 1.5f, 0, 0);

}
