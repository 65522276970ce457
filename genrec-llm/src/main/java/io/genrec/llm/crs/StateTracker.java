package io.genrec.llm.crs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule- and lexicon-based dialogue state tracking, offline. Movie mentions are found by longest match of normalised
 * title word sequences against the catalogue (a year right after a title picks among remakes); the seeker's sentiment
 * comes from cue words in the clause around the mention (clauses split at "but", "though", ";" and sentence ends);
 * genres, moods, years and people from small lexicons. Seeker mentions without a cue count as liked, as ReDial
 * seekers mostly name movies they enjoyed.
 */
public final class StateTracker {
    private static final Pattern CLAUSE = Pattern.compile("(?<=[.!?;])\\s+|\\s+(?:but|though|although|however|whereas)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE = Pattern.compile("\\b(hate[sd]?|hating|dislike[sd]?|(?:did ?n[o']?t|do ?n[o']?t|does ?n[o']?t|never|not really|wasn'?t|was not|not) (?:really )?(?:like|love|enjoy|care for|into)|not a (?:big )?fan|wasn'?t a fan|boring|awful|terrible|worst|can'?t stand|overrated|stupid|meh)\\b");
    private static final Pattern UNSEEN = Pattern.compile("\\b(ha(?:ve|s)n'?t seen|have not seen|never seen|not seen|never watched|ha(?:ve|s)n'?t watched)\\b");
    private static final Pattern SEEN_ONLY = Pattern.compile("\\b(already seen|seen (?:it|that|those|them)|i'?ve seen|watched (?:it|that))\\b");
    private static final Pattern POSITIVE_REPLY = Pattern.compile("\\b(lov(?:e|ed)|lik(?:e|ed) (?:it|that)|great|awesome|favou?rite|enjoyed|good one|sounds good|i'?ll (?:check|watch))\\b");
    private static final Pattern NEGATION = Pattern.compile("\\b(not|no|less|without|nothing|non|never|avoid|too much|isn'?t|don'?t want|hate)\\W+(?:\\w+\\W+)?$");
    private static final Pattern DECADE = Pattern.compile("\\b(?:(19|20)(\\d)0'?s|'?(\\d)0'?s)\\b");
    private static final Pattern AFTER = Pattern.compile("\\b(?:after|since|newer than|from)\\s+((?:19|20)\\d\\d)\\b");
    private static final Pattern BEFORE = Pattern.compile("\\b(?:before|older than|prior to)\\s+((?:19|20)\\d\\d)\\b");
    private static final Set<String> STOP = Set.of("i", "me", "my", "you", "it", "a", "an", "the", "and", "or", "is", "was", "that", "this", "what",
            "he", "she", "we", "they", "them", "her", "him", "us", "up", "in", "on", "of", "to", "for", "with", "so", "yes", "no", "not", "hi",
            "hello", "ok", "okay", "thanks", "thank", "good", "great", "like", "love", "movie", "movies", "film", "films", "something", "anything",
            "similar", "less", "more", "also", "have", "seen", "watch", "watched", "one", "two", "am", "are", "be", "do", "did", "can", "will",
            "would", "maybe", "sure", "really", "very", "too", "much", "some", "any", "all", "but", "if", "then", "there", "here", "now", "well",
            "just", "how", "who", "why", "when", "where", "which", "fun", "nice", "cool", "best", "new", "old", "big", "bad", "man", "home",
            "family", "action", "comedy", "drama", "horror", "romance", "thriller", "war", "western", "animation", "crime", "mystery", "fantasy", "adventure");

    /** cue word -> canonical genre. */
    private static final Map<String, String> GENRE_WORDS = new LinkedHashMap<>();
    static {
        String[][] g = {
                {"action", "action"}, {"adventure", "adventure"}, {"adventures", "adventure"}, {"animated", "animation"}, {"animation", "animation"},
                {"cartoon", "animation"}, {"cartoons", "animation"}, {"comedy", "comedy"}, {"comedies", "comedy"}, {"funny", "comedy"},
                {"hilarious", "comedy"}, {"crime", "crime"}, {"gangster", "crime"}, {"heist", "crime"}, {"documentary", "documentary"},
                {"documentaries", "documentary"}, {"drama", "drama"}, {"dramas", "drama"}, {"family", "family"}, {"kids", "family"},
                {"children", "family"}, {"fantasy", "fantasy"}, {"horror", "horror"}, {"scary", "horror"}, {"creepy", "horror"},
                {"musical", "musical"}, {"musicals", "musical"}, {"mystery", "mystery"}, {"mysteries", "mystery"}, {"romance", "romance"},
                {"romantic", "romance"}, {"rom com", "romance"}, {"romcom", "romance"}, {"love story", "romance"}, {"sci fi", "sci-fi"},
                {"scifi", "sci-fi"}, {"science fiction", "sci-fi"}, {"thriller", "thriller"}, {"thrillers", "thriller"}, {"suspense", "thriller"},
                {"war", "war"}, {"western", "western"}, {"westerns", "western"}, {"superhero", "action"}, {"violent", "violent"},
                {"violence", "violent"}, {"gory", "violent"}, {"gore", "violent"}, {"bloody", "violent"}};
        for (String[] e : g) GENRE_WORDS.put(e[0], e[1]);
    }
    /** Mood "violent" stands for these genres when avoided. */
    public static final List<String> VIOLENT = List.of("action", "war", "crime", "horror", "thriller");

    private final CrsCatalog catalog;
    private final float[] prior;

    /** @param prior a per-movie popularity used only to break title ties between remakes (may be null) */
    public StateTracker(CrsCatalog catalog, float[] prior) { this.catalog = catalog; this.prior = prior; }

    /** A found title: catalogue index and the character span in the lower-cased text. */
    public record Mention(int movie, int start, int end) { }

    public DialogueState track(List<Utterance> conversation) {
        Set<Integer> liked = new LinkedHashSet<>(), disliked = new LinkedHashSet<>(), seen = new LinkedHashSet<>(), recommended = new LinkedHashSet<>();
        Set<String> genres = new LinkedHashSet<>(), avoid = new LinkedHashSet<>(), people = new LinkedHashSet<>(), moods = new LinkedHashSet<>();
        int yearFrom = 0, yearTo = 0;
        List<Integer> lastSuggested = List.of(), recent = List.of();
        for (Utterance u : conversation) {
            List<Mention> found = mentions(u.text());
            if (!found.isEmpty()) recent = found.stream().map(Mention::movie).distinct().toList();
            if (!u.seeker()) {
                List<Integer> s = new ArrayList<>();
                for (Mention m : found) { recommended.add(m.movie()); s.add(m.movie()); }
                if (!s.isEmpty()) lastSuggested = s;
                continue;
            }
            String lower = u.text().toLowerCase(Locale.ROOT);
            // a reply without titles refers to what was just suggested
            if (found.isEmpty() && !lastSuggested.isEmpty()) {
                if (NEGATIVE.matcher(lower).find()) lastSuggested.forEach(disliked::add);
                else if (SEEN_ONLY.matcher(lower).find()) lastSuggested.forEach(seen::add);
                else if (POSITIVE_REPLY.matcher(lower).find()) lastSuggested.forEach(liked::add);
            }
            for (Mention m : found) {
                String clause = clauseAround(lower, m.start());
                int mv = m.movie();
                if (NEGATIVE.matcher(clause).find()) { disliked.add(mv); liked.remove(mv); }
                else if (UNSEEN.matcher(clause).find()) { /* asked about, no opinion */ }
                else if (!disliked.contains(mv)) liked.add(mv);
            }
            String words = " " + lower.replaceAll("[^a-z0-9' ]", " ").replaceAll("\\s+", " ") + " ";
            for (var e : GENRE_WORDS.entrySet()) {
                int at = words.indexOf(" " + e.getKey() + " ");
                if (at < 0) continue;
                if (insideTitle(found, lower, e.getKey())) continue;
                boolean negated = NEGATION.matcher(words.substring(0, at + 1)).find();
                if (e.getValue().equals("violent")) {
                    moods.add((negated ? "not " : "") + e.getKey());
                    if (negated) avoid.addAll(VIOLENT);
                } else if (negated) { avoid.add(e.getValue()); genres.remove(e.getValue()); }
                else if (!avoid.contains(e.getValue())) genres.add(e.getValue());
            }
            Matcher d = DECADE.matcher(lower);
            if (d.find()) {
                int decade = d.group(1) != null ? Integer.parseInt(d.group(1) + d.group(2) + "0")
                        : (Integer.parseInt(d.group(3)) >= 3 ? 1900 : 2000) + Integer.parseInt(d.group(3)) * 10;
                yearFrom = decade; yearTo = decade + 9;
            }
            Matcher a = AFTER.matcher(lower);
            if (a.find()) yearFrom = Integer.parseInt(a.group(1));
            Matcher b = BEFORE.matcher(lower);
            if (b.find()) yearTo = Integer.parseInt(b.group(1));
            people.addAll(people(words));
        }
        genres.removeAll(avoid);
        return new DialogueState(new ArrayList<>(liked), new ArrayList<>(disliked), new ArrayList<>(seen), new ArrayList<>(recommended),
                new ArrayList<>(genres), new ArrayList<>(avoid), yearFrom, yearTo, new ArrayList<>(people), new ArrayList<>(moods), recent);
    }

    private static boolean insideTitle(List<Mention> found, String lower, String word) {
        int at = lower.indexOf(word);
        for (Mention m : found) if (at >= m.start() && at < m.end()) return true;
        return false;
    }

    private static String clauseAround(String lower, int pos) {
        int start = 0;
        Matcher c = CLAUSE.matcher(lower);
        while (c.find()) {
            if (c.start() >= pos) return lower.substring(start, c.start());
            start = c.end();
        }
        return lower.substring(start);
    }

    private List<String> people(String words) {
        List<String> out = new ArrayList<>();
        String[] t = words.strip().split(" ");
        for (int i = 0; i < t.length; i++)
            for (int n = 3; n >= 2; n--) {
                if (i + n > t.length) continue;
                String cand = String.join(" ", java.util.Arrays.copyOfRange(t, i, i + n));
                if (catalog.people().containsKey(cand)) { out.add(cand); break; }
            }
        return out;
    }

    /**
     * Catalogue titles in {@code text}, longest match first. A match must either be followed by the movie's year or
     * contain a capitalised word that is not a common word, so everyday phrases ("up", "her") do not count as titles.
     */
    public List<Mention> mentions(String text) {
        List<int[]> spans = new ArrayList<>();
        List<String> toks = new ArrayList<>(), orig = new ArrayList<>();
        Matcher w = Pattern.compile("[\\p{L}\\p{N}]+(?:'[\\p{L}]+)?").matcher(text);
        while (w.find()) {
            String o = w.group();
            String norm = java.text.Normalizer.normalize(o, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replace("'", " ").strip();
            for (String part : norm.split(" ")) { toks.add(part); orig.add(o); spans.add(new int[] {w.start(), w.end()}); }
        }
        List<Mention> out = new ArrayList<>();
        int i = 0;
        while (i < toks.size()) {
            int s = i;
            if (toks.get(s).equals("the") || toks.get(s).equals("a") || toks.get(s).equals("an")) s++;
            int best = -1, bestEnd = -1;
            for (int n = Math.min(catalog.maxTitleWords(), toks.size() - s); n >= 1 && best < 0; n--) {
                String key = String.join(" ", toks.subList(s, s + n));
                List<Integer> cands = catalog.titled(key);
                if (cands.isEmpty()) continue;
                int year = s + n < toks.size() && toks.get(s + n).matches("(19|20)\\d\\d") ? Integer.parseInt(toks.get(s + n)) : 0;
                int pick = -1;
                if (year > 0) for (int c : cands) if (catalog.get(c).year() == year) { pick = c; break; }
                boolean yearOk = pick >= 0;
                if (!yearOk) {
                    boolean capital = false;
                    for (int k = s; k < s + n; k++) {
                        String o = orig.get(k);
                        if (Character.isUpperCase(o.charAt(0)) && !STOP.contains(toks.get(k))) capital = true;
                    }
                    if (!capital) continue;
                    pick = cands.getFirst();
                    if (prior != null) for (int c : cands) if (prior[c] > prior[pick]) pick = c;
                }
                best = pick; bestEnd = s + n + (yearOk ? 1 : 0);
            }
            if (best >= 0) {
                out.add(new Mention(best, spans.get(i)[0], spans.get(bestEnd - 1)[1]));
                i = bestEnd;
            } else i++;
        }
        return out;
    }
}
