package io.genrec.llm.guard;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Makes untrusted text (item titles and descriptions, user messages) safe to place inside a prompt as data: Unicode
 * compatibility-normalised (so full-width look-alikes become plain characters before the checks), control and
 * invisible format characters removed, chat-template tokens ({@code <|im_start|>}, {@code [INST]}, {@code <<SYS>>},
 * {@code </s>}) and role markers ({@code system:}, {@code ### Assistant}) neutralised, runs of angle brackets (our
 * data delimiters) broken, whitespace (including newlines, which fake new turns) collapsed to one space, and length
 * capped. The text keeps its meaning for the model but can no longer look like a turn boundary or a delimiter.
 */
public final class PromptSanitizer {
    private static final Pattern FORMAT_CHARS = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}&&[^\\n\\r\\t]]");
    private static final Pattern TEMPLATE_TOKENS = Pattern.compile(
            "(?i)<\\|[^|>]{0,40}\\|>|\\[/?INST]|<</?SYS>>|</?s>|<\\|?(?:system|user|assistant|developer|tool)\\|?>");
    private static final Pattern ROLE_MARKER = Pattern.compile(
            "(?i)(?:#+\\s*)?\\b(system|assistant|user|developer|tool)(\\s*(?:prompt|message|instructions?)?)\\s*:");
    private static final Pattern HEADINGS = Pattern.compile("#{2,}");
    private static final Pattern ANGLE_RUN = Pattern.compile("[<>]{2,}");
    private static final Pattern BRACE_RUN = Pattern.compile("[\\[\\]{}]{3,}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private PromptSanitizer() { }

    /** {@code text} neutralised as described above and cut to at most {@code maxChars} characters (with "…"). */
    public static String clean(String text, int maxChars) {
        if (text == null) return "";
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
        s = FORMAT_CHARS.matcher(s).replaceAll("");
        s = TEMPLATE_TOKENS.matcher(s).replaceAll(" ");
        s = ROLE_MARKER.matcher(s).replaceAll("$1$2 -");
        s = HEADINGS.matcher(s).replaceAll("#");
        s = ANGLE_RUN.matcher(s).replaceAll(m -> m.group().replace('<', '‹').replace('>', '›'));
        s = BRACE_RUN.matcher(s).replaceAll(" ");
        s = s.replace(PromptBuilder.DATA_TAG, "GENREC DATA");
        s = SPACES.matcher(s).replaceAll(" ").strip();
        if (s.length() > maxChars) {
            int cut = Math.max(0, maxChars - 1);
            if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) cut--;
            s = s.substring(0, cut) + "…";
        }
        return s;
    }
}
