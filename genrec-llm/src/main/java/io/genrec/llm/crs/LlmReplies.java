package io.genrec.llm.crs;

import io.genrec.llm.llm.ChatTurn;
import io.genrec.llm.llm.LlmClient;
import io.genrec.llm.llm.LlmOptions;
import io.genrec.llm.llm.LlmUnavailableException;
import io.genrec.util.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * LLM-written answers over grounded facts only: the model sees the chosen catalogue movies (title, year, genres, the
 * template's reason) and never the seeker's words, so nothing the seeker types can steer it. Its text is accepted only
 * if it names the first movie, stays short, and every movie it names is one of the chosen ones or a movie the
 * conversation already mentioned: a catalogue title the tracker finds, or any "Title (year)" whose title is not one
 * of those, rejects it. A rejected or failed answer yields null (the caller keeps the template) and is reported
 * through {@code onFallback}. Limitation: an invented movie named without a year and absent from the catalogue cannot
 * be told from ordinary words.
 */
public final class LlmReplies {
    static final String SYSTEM = """
            You write one short, friendly reply (at most three sentences) recommending the movies in the facts to a movie \
            seeker. Use only the facts given. Name only the movies listed, spelled exactly as given; never mention any \
            other movie, actor or plot detail that is not in the facts.""";

    static final int MAX_CHARS = 600;
    private static final Pattern YEAR = Pattern.compile("\\((19|20)\\d\\d\\)");

    private final LlmClient llm;
    private final CrsCatalog catalog;
    private final StateTracker tracker;
    private final Consumer<String> onFallback;

    public LlmReplies(LlmClient llm, CrsCatalog catalog, StateTracker tracker, Consumer<String> onFallback) {
        this.llm = llm; this.catalog = catalog; this.tracker = tracker; this.onFallback = onFallback;
    }

    /** The LLM's reply recommending {@code items} (catalogue indices, first = best), or null to keep the template. */
    public String write(List<Integer> items, DialogueState state) {
        if (items.isEmpty()) return null;
        List<Map<String, Object>> facts = new ArrayList<>();
        for (int i : items) {
            CrsMovie m = catalog.get(i);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("title", m.name());
            if (!m.genres().isEmpty()) f.put("genres", m.genres());
            String why = Responses.reason(catalog, i, state);
            if (!why.isEmpty()) f.put("reason", why);
            facts.add(f);
        }
        String out;
        try {
            out = llm.complete(List.of(ChatTurn.system(SYSTEM), ChatTurn.user("Facts (JSON): " + Json.MAPPER.writeValueAsString(facts))),
                    new LlmOptions(0.3, 200));
        } catch (LlmUnavailableException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return reject("endpoint failed: " + e.getMessage());
        }
        String why = check(out, items, state);
        return why == null ? out.strip() : reject(why);
    }

    private String reject(String why) {
        onFallback.accept("LLM reply not used, the template answers: " + why);
        return null;
    }

    /** Why {@code text} is not grounded in {@code items} (null: it is). */
    String check(String text, List<Integer> items, DialogueState state) {
        if (text == null || text.isBlank()) return "empty reply";
        if (text.length() > MAX_CHARS) return "reply longer than " + MAX_CHARS + " characters";
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.contains(bareTitle(catalog.get(items.getFirst()).name())))
            return "reply does not name " + catalog.get(items.getFirst()).name();
        Set<Integer> allowed = new LinkedHashSet<>(items);
        allowed.addAll(state.mentioned());
        DialogueState named = tracker.track(List.of(Utterance.recommender(text)));
        for (int m : named.mentioned()) if (!allowed.contains(m)) return "reply names " + catalog.get(m).name() + ", which was not recommended";
        Matcher y = YEAR.matcher(text);
        while (y.find()) {
            String before = lower.substring(0, y.start()).strip();
            String year = y.group().substring(1, 5);
            boolean ok = false;
            for (int m : allowed) {
                CrsMovie mv = catalog.get(m);
                if (String.valueOf(mv.year()).equals(year) && before.endsWith(bareTitle(mv.name()))) { ok = true; break; }
            }
            if (!ok) return "reply names a movie that is not among the grounded ones: \"..." + text.substring(Math.max(0, y.start() - 40), y.end()) + "\"";
        }
        return null;
    }

    /** The display title without a trailing "(year)", lower case. */
    private static String bareTitle(String name) {
        return name.replaceAll("\\s*\\((19|20)\\d\\d\\)\\s*$", "").strip().toLowerCase(Locale.ROOT);
    }
}
