package io.genrec.llm.explain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Word splitting shared by the text metrics and the explanation facts: Unicode-normalised, lower case, split on
 * anything that is not a letter or digit. {@link #contentWords} also drops stop words, numbers and one- or
 * two-letter words, for finding shared themes.
 */
public final class Words {
    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of(
            "the", "and", "for", "with", "that", "this", "from", "into", "are", "was", "were", "his", "her", "its",
            "their", "they", "them", "she", "him", "has", "have", "had", "but", "not", "all", "who", "what", "when",
            "where", "which", "will", "can", "one", "two", "out", "about", "after", "before", "over", "under", "than",
            "then", "there", "these", "those", "your", "you", "our", "film", "movie", "story", "new");

    private Words() { }

    /** All words of {@code text}, in order (the tokenisation BLEU and ROUGE use). */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        for (String w : SPLIT.split(t)) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** Words that can carry a theme: no stop words, no numbers, at least three characters. */
    public static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : tokens(text)) {
            if (w.length() >= 3 && !STOP.contains(w) && !w.chars().allMatch(Character::isDigit)) out.add(w);
        }
        return out;
    }
}
