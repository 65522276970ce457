package io.genrec.llm.guard;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Detects model output that repeats our instructions (a prompt-extraction attack that worked): true when the output
 * contains any run of {@value #WINDOW} consecutive words of the instructions, compared case-insensitively on
 * letters and digits only. Such an answer is discarded, not parsed, and never shown.
 */
public final class InstructionLeakCheck {
    static final int WINDOW = 6;

    private final Set<String> shingles = new HashSet<>();

    public InstructionLeakCheck(String instructions) {
        String[] w = words(instructions);
        for (int i = 0; i + WINDOW <= w.length; i++) shingles.add(String.join(" ", java.util.Arrays.copyOfRange(w, i, i + WINDOW)));
    }

    public boolean leaks(String output) {
        String[] w = words(output);
        for (int i = 0; i + WINDOW <= w.length; i++) {
            if (shingles.contains(String.join(" ", java.util.Arrays.copyOfRange(w, i, i + WINDOW)))) return true;
        }
        return false;
    }

    private static String[] words(String s) {
        String t = s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return t.isEmpty() ? new String[0] : t.split(" ");
    }
}
