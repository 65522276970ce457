package io.genrec.llm.text;

import io.genrec.data.Item;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an {@link Item} into the text an embedding or language model reads. A template is lines of literal text with
 * placeholders:
 * <ul>
 *   <li>{@code {title}} the title; {@code {id}} the external id;</li>
 *   <li>{@code {categories}} the categories joined by {@code ", "};</li>
 *   <li>{@code {text.NAME}} one free-text field, {@code {attr.NAME}} one attribute;</li>
 *   <li>{@code {text}} every text field the template does not name itself, as {@code "name: value"} lines;</li>
 *   <li>{@code {attributes}} every attribute the template does not name itself, as {@code "name: value"} joined by
 *       {@code "; "}.</li>
 * </ul>
 * A line whose placeholders all render empty is dropped, so labels such as {@code "Categories: "} vanish for items
 * without categories. The two characters {@code \n} in a template also mean a line break, so a template fits on a
 * command line. Every placeholder value is cut to {@code maxFieldChars} and the whole text to {@code maxChars}
 * (at a word boundary when there is one), because encoders truncate long inputs anyway (MiniLM reads 256 word
 * pieces) and one long review must not crowd out the title.
 *
 * <p>The {@link #DEFAULT} template is {@value #DEFAULT_TEMPLATE}: title first (the strongest signal), then
 * categories, structured attributes such as year, then the remaining free text (tags, description). Immutable and
 * thread safe.
 */
public final class ItemTextTemplate {
    /** The default template; see the class comment. */
    public static final String DEFAULT_TEMPLATE = "{title}\\nCategories: {categories}\\n{attributes}\\n{text}";
    public static final int DEFAULT_MAX_FIELD_CHARS = 400;
    public static final int DEFAULT_MAX_CHARS = 1000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?:\\.([^{}]+))?}");
    private static final Set<String> NAMES = Set.of("title", "id", "categories", "text", "attr", "attributes");
    /** Declared after the patterns it needs at class initialisation. */
    public static final ItemTextTemplate DEFAULT = of(DEFAULT_TEMPLATE);

    private final String template;
    private final List<String> lines;
    private final Set<String> namedText = new HashSet<>();
    private final Set<String> namedAttributes = new HashSet<>();
    private final int maxFieldChars;
    private final int maxChars;

    private ItemTextTemplate(String template, int maxFieldChars, int maxChars) {
        if (maxFieldChars < 1 || maxChars < 1)
            throw new IllegalArgumentException("text caps must be >= 1, got maxFieldChars=" + maxFieldChars + ", maxChars=" + maxChars);
        this.template = template;
        this.lines = List.of(template.replace("\\n", "\n").split("\n", -1));
        this.maxFieldChars = maxFieldChars;
        this.maxChars = maxChars;
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            String name = m.group(1), key = m.group(2);
            boolean keyed = name.equals("text") || name.equals("attr");
            if (!NAMES.contains(name) || (name.equals("attr") && key == null) || (key != null && !keyed))
                throw new IllegalArgumentException("item text template: unknown placeholder '" + m.group()
                        + "'; known: {title} {id} {categories} {text} {text.NAME} {attr.NAME} {attributes}");
            if (key != null) (name.equals("text") ? namedText : namedAttributes).add(key);
        }
    }

    /** A template with the default caps. */
    public static ItemTextTemplate of(String template) { return of(template, DEFAULT_MAX_FIELD_CHARS, DEFAULT_MAX_CHARS); }

    public static ItemTextTemplate of(String template, int maxFieldChars, int maxChars) {
        if (template == null || template.isBlank()) throw new IllegalArgumentException("item text template must not be blank");
        return new ItemTextTemplate(template, maxFieldChars, maxChars);
    }

    public String template() { return template; }

    public int maxFieldChars() { return maxFieldChars; }

    public int maxChars() { return maxChars; }

    /** The item's text; empty when the item has no metadata the template uses. */
    public String render(Item item) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            String rendered = renderLine(line, item);
            if (rendered.isBlank()) continue;
            if (!out.isEmpty()) out.append('\n');
            out.append(rendered.strip());
        }
        return cap(out.toString(), maxChars);
    }

    /** Renders one line, or returns "" when it has placeholders and all of them are empty. */
    private String renderLine(String line, Item item) {
        Matcher m = PLACEHOLDER.matcher(line);
        StringBuilder sb = new StringBuilder();
        boolean anyPlaceholder = false, anyValue = false;
        while (m.find()) {
            anyPlaceholder = true;
            String value = cap(value(m.group(1), m.group(2), item), maxFieldChars);
            anyValue |= !value.isBlank();
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return anyPlaceholder && !anyValue ? "" : sb.toString();
    }

    private String value(String name, String key, Item item) {
        return switch (name) {
            case "title" -> item.title();
            case "id" -> item.id();
            case "categories" -> String.join(", ", item.categories());
            case "attr" -> item.attributes().getOrDefault(key, "");
            case "text" -> key != null ? item.text().getOrDefault(key, "") : unnamed(item.text(), namedText, "\n");
            case "attributes" -> unnamed(item.attributes(), namedAttributes, "; ");
            default -> throw new IllegalStateException(name);
        };
    }

    /** The entries the template does not name, sorted by key so the text is deterministic. */
    private static String unnamed(Map<String, String> fields, Set<String> named, String separator) {
        List<String> parts = new ArrayList<>();
        for (var e : new TreeMap<>(fields).entrySet()) {
            if (named.contains(e.getKey()) || e.getValue().isBlank()) continue;
            parts.add(e.getKey() + ": " + e.getValue().strip());
        }
        return String.join(separator, parts);
    }

    /** Cuts {@code s} to at most {@code max} characters, at the last whitespace if that keeps most of it. */
    static String cap(String s, int max) {
        if (s.length() <= max) return s;
        int cut = max;
        for (int i = max; i > max * 3 / 4; i--) {
            if (Character.isWhitespace(s.charAt(i))) { cut = i; break; }
        }
        if (Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
        return s.substring(0, cut).stripTrailing();
    }

    @Override
    public String toString() { return "ItemTextTemplate[" + template + ", maxFieldChars=" + maxFieldChars + ", maxChars=" + maxChars + "]"; }
}
