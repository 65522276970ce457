package io.genrec.llm.guard;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ranking out of whatever a model answered. Tried in order: the first JSON array in the text (code fences and
 * surrounding prose ignored; numbers and numeric strings are indices, other strings titles, objects contribute an
 * {@code i}/{@code index}/{@code id} or a {@code title}); a truncated array (complete tokens only: a trailing number
 * with nothing after it may have been cut and is dropped); a numbered or bulleted list; a bare list of integers; one
 * title per line. Never throws: unreadable text gives an empty list. Entries are not yet checked against the
 * candidates: that is {@link CandidateGrounder}'s job.
 */
public final class RankingAnswerParser {
    /** More entries than this are ignored (a runaway answer must not cost unbounded work). */
    public static final int MAX_ENTRIES = 500;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[A-Za-z0-9_-]*");
    private static final Pattern TOKEN = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+)(?=\\s*[,\\]}])|(-?\\d+)");
    private static final Pattern KEY = Pattern.compile("\"(?:i|index|id|rank|title|name|item|reason)\"\\s*:");
    private static final Pattern LIST_LINE = Pattern.compile("^\\s*(?:\\d{1,3}\\s*[.):]|[-*•])\\s+(.+)$");
    private static final Pattern INDEX_ITEM = Pattern.compile("^(?:index|candidate|item|i)?\\s*[#\\[(]?\\s*(\\d{1,6})\\s*[\\])]?(?:\\s*(?:[:.)\\-–—]|$)(.*))?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INTEGERS_ONLY = Pattern.compile("^[\\s,;]*-?\\d+(?:[\\s,;]+-?\\d+)*[\\s,;.]*$");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");

    private RankingAnswerParser() { }

    public static List<AnswerEntry> parse(String answer) {
        if (answer == null) return List.of();
        String text = FENCE.matcher(answer).replaceAll(" ").strip();
        int open = text.indexOf('[');
        if (open >= 0 && insideListLine(text, open)) open = -1;
        if (open >= 0) {
            int close = matchingBracket(text, open);
            if (close > 0) {
                List<AnswerEntry> fromJson = fromJsonArray(text.substring(open, close + 1));
                if (fromJson != null && !fromJson.isEmpty()) return fromJson;
                List<AnswerEntry> lenient = lenientTokens(text.substring(open + 1, close), false);
                if (!lenient.isEmpty()) return lenient;
            } else {
                List<AnswerEntry> partial = lenientTokens(text.substring(open + 1), true);
                if (!partial.isEmpty()) return partial;
            }
        }
        List<AnswerEntry> listed = listLines(text);
        if (!listed.isEmpty()) return listed;
        if (INTEGERS_ONLY.matcher(text).matches()) {
            List<AnswerEntry> out = new ArrayList<>();
            Matcher m = INTEGER.matcher(text);
            while (m.find() && out.size() < MAX_ENTRIES) out.add(index(m.group()));
            return out;
        }
        List<AnswerEntry> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank() && out.size() < MAX_ENTRIES) out.add(new AnswerEntry.ByTitle(line.strip()));
        }
        return out;
    }

    /** True when the bracket at {@code pos} is part of a list line ("2. [5] - reason"): then the list is the answer. */
    private static boolean insideListLine(String text, int pos) {
        int start = text.lastIndexOf('\n', pos) + 1;
        int end = text.indexOf('\n', pos);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return LIST_LINE.matcher(line).matches() && !line.strip().startsWith("[");
    }

    /** The index of the bracket closing the one at {@code open}, skipping strings; -1 when the text ends first. */
    private static int matchingBracket(String s, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') inString = true;
            else if (c == '[') depth++;
            else if (c == ']' && --depth == 0) return i;
        }
        return -1;
    }

    /** Entries of a well-formed JSON array, or null when it does not parse. */
    private static List<AnswerEntry> fromJsonArray(String array) {
        JsonNode node;
        try {
            node = JSON.readTree(array);
        } catch (Exception e) {
            return null;
        }
        List<AnswerEntry> out = new ArrayList<>();
        for (JsonNode n : node) {
            if (out.size() >= MAX_ENTRIES) break;
            AnswerEntry e = fromNode(n);
            if (e != null) out.add(e);
        }
        return out;
    }

    private static AnswerEntry fromNode(JsonNode n) {
        if (n.isIntegralNumber()) return new AnswerEntry.ByIndex(n.asLong());
        if (n.isTextual()) {
            String t = n.asText().strip();
            return INTEGER.matcher(t).matches() ? index(t) : new AnswerEntry.ByTitle(t);
        }
        if (n.isObject()) {
            for (String key : new String[] {"i", "index", "id"}) {
                JsonNode v = n.get(key);
                if (v != null && (v.isIntegralNumber() || v.isTextual() && INTEGER.matcher(v.asText().strip()).matches()))
                    return index(v.asText().strip());
            }
            for (String key : new String[] {"title", "name", "item"}) {
                JsonNode v = n.get(key);
                if (v != null && v.isTextual()) return new AnswerEntry.ByTitle(v.asText().strip());
            }
        }
        if (n.isArray() && !n.isEmpty()) return fromNode(n.get(0));
        return n.isNull() ? null : new AnswerEntry.ByTitle(n.toString());
    }

    /**
     * Complete tokens of an array body that is not valid JSON or was cut off. In a truncated body a number directly at
     * the end may be incomplete ("[3, 1, 4" might have been "[3, 1, 42") and is dropped.
     */
    private static List<AnswerEntry> lenientTokens(String body, boolean truncated) {
        String s = KEY.matcher(body).replaceAll(" ");
        List<AnswerEntry> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find() && out.size() < MAX_ENTRIES) {
            if (m.group(1) != null) {
                String t = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\").strip();
                out.add(INTEGER.matcher(t).matches() ? index(t) : new AnswerEntry.ByTitle(t));
            } else if (m.group(2) != null) {
                out.add(index(m.group(2)));
            } else if (!truncated || !s.substring(m.end()).isBlank()) {
                out.add(index(m.group(3)));
            }
        }
        return out;
    }

    /** Entries of a numbered ("1. ...", "2) ...") or bulleted list; an entry that is just a number is an index. */
    private static List<AnswerEntry> listLines(String text) {
        List<AnswerEntry> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            Matcher m = LIST_LINE.matcher(line);
            if (!m.matches() || out.size() >= MAX_ENTRIES) continue;
            String content = m.group(1).strip();
            Matcher idx = INDEX_ITEM.matcher(content);
            if (!idx.matches()) out.add(new AnswerEntry.ByTitle(unquote(content)));
            else if (idx.group(2) == null || idx.group(2).isBlank()) out.add(index(idx.group(1)));
            else out.add(new AnswerEntry.IndexOrTitle(Long.parseLong(idx.group(1)), unquote(content)));
        }
        return out;
    }

    private static String unquote(String s) {
        String t = s.replace("**", "").strip();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'' || t.charAt(0) == '“')) {
            int end = t.indexOf(t.charAt(0) == '“' ? '”' : t.charAt(0), 1);
            if (end > 0) return t.substring(1, end);
        }
        return t;
    }

    private static AnswerEntry index(String digits) {
        try {
            return new AnswerEntry.ByIndex(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return new AnswerEntry.ByTitle(digits);
        }
    }
}
