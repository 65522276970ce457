package io.genrec.llm.crs;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Title normalisation used to link movies across ReDial, INSPIRED and MovieLens: lower case, accents and punctuation
 * removed, a trailing article moved to the front ("Matrix, The" = "The Matrix"), leading article then dropped, and the
 * year split off. Two movies link when normalised title and year are equal.
 */
public final class Titles {
    private static final Pattern YEAR = Pattern.compile("^(.*?)\\s*\\((\\d{4})(?:[-–]\\d{0,4})?\\)\\s*$");
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*),\\s*(the|a|an|les|la|le|el|il|das|der|die)$");
    private static final Pattern ALT_TITLE = Pattern.compile("\\s*\\([^)]*\\)\\s*$");

    private Titles() { }

    /** A title split into its normalised form and year (0 when the title carries none). */
    public record Key(String title, int year) {
        @Override public String toString() { return year == 0 ? title : title + " " + year; }
    }

    public static Key key(String raw) {
        String s = raw.strip();
        int year = 0;
        Matcher m = YEAR.matcher(s);
        if (m.matches()) { s = m.group(1); year = Integer.parseInt(m.group(2)); }
        // MovieLens appends alternative titles in parentheses: "Seven (a.k.a. Se7en)"
        s = ALT_TITLE.matcher(s).replaceAll("");
        return new Key(normalise(s), year);
    }

    private static final Pattern AKA = Pattern.compile("\\((?:a\\.k\\.a\\. )?([^()]*)\\)\\s*(?=\\(\\d{4}\\)\\s*$)");

    /** The key of {@code raw} and, for MovieLens-style "Title (a.k.a. Other) (1999)", the alternative title's key too. */
    public static java.util.List<Key> keys(String raw) {
        Key main = key(raw);
        Matcher m = AKA.matcher(raw.strip());
        if (!m.find()) return java.util.List.of(main);
        String alt = normalise(m.group(1));
        return alt.isEmpty() || alt.equals(main.title()) ? java.util.List.of(main) : java.util.List.of(main, new Key(alt, main.year()));
    }

    /** Lower-cased words of a title without a year, article at the end moved and then dropped. */
    public static String normalise(String title) {
        String s = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase().strip();
        s = s.replace("&", " and ");
        Matcher a = TRAILING_ARTICLE.matcher(s);
        if (a.matches()) s = a.group(2) + " " + a.group(1);
        s = s.replaceAll("[^a-z0-9 ]", " ").replaceAll("\\s+", " ").strip();
        if (s.startsWith("the ")) s = s.substring(4);
        else if (s.startsWith("a ")) s = s.substring(2);
        else if (s.startsWith("an ")) s = s.substring(3);
        return s;
    }

    /** The display title without the year. */
    public static String bare(String raw) {
        Matcher m = YEAR.matcher(raw.strip());
        return (m.matches() ? m.group(1) : raw).strip().replaceAll("\\s+", " ");
    }
}
