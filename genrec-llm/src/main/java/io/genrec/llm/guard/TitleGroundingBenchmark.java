package io.genrec.llm.guard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well title grounding ({@link TitleMatcher}) recovers the intended candidate from the ways an LLM mangles titles,
 * and how often it wrongly accepts a title that is not a candidate, for several thresholds, on the 9,742 MovieLens
 * latest-small titles. Each trial draws 20 random candidates (seeded); positives name one of them after a
 * perturbation, negatives name a random non-candidate or a sequel/prequel of a candidate (a title that extends a
 * candidate's title by a number, the hardest realistic confusion). Writes {@code docs/results/llm-title-grounding.md}.
 * Run from the repository root with {@link #COMMAND}.
 */
public final class TitleGroundingBenchmark {
    static final String COMMAND = "./genrec bench title-grounding";

    public static void main(String[] args) throws IOException { new TitleGroundingBenchmark().titleGroundingAcrossThresholds(); }

    static final long SEED = 42;
    static final int TRIALS = 2000, CANDIDATES = 20;
    static final double[] THRESHOLDS = {0.70, 0.80, 0.85, 0.90, 0.95};
    static final Pattern YEAR = Pattern.compile("\\s*\\((?:19|20)\\d\\d\\)\\s*$");
    static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.*), (The|A|An) (\\((?:19|20)\\d\\d\\))$");
    static final Pattern SEQUEL = Pattern.compile("^(.+?) (?:[2-9]|II|III|IV)$");

    void titleGroundingAcrossThresholds() throws IOException {
        long t0 = System.nanoTime();
        List<String> titles = readTitles(findData().resolve("ml-latest-small/movies.csv"));
        if (titles.size() != 9742) throw new IllegalStateException("movies.csv has " + titles.size() + " movies, expected 9,742 (see its SOURCE.md)");
        List<int[]> sequelPairs = sequelPairs(titles);

        Map<String, double[]> rows = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        String[] kinds = {"exact title", "year dropped", "\"X, The\" written \"The X\"", "one typo", "two typos",
                "explanation appended", "NEG random non-candidate", "NEG sequel/prequel of a candidate"};
        for (String kind : kinds) {
            double[] hits = new double[THRESHOLDS.length];
            int n = 0;
            Random rnd = new Random(SEED + kind.hashCode());
            for (int t = 0; t < TRIALS; t++) {
                Trial trial = trial(kind, titles, sequelPairs, rnd);
                if (trial == null) continue;
                n++;
                for (int h = 0; h < THRESHOLDS.length; h++) {
                    int got = new TitleMatcher(trial.candidates(), THRESHOLDS[h]).match(trial.answer());
                    boolean ok = trial.expected() >= 0 ? got == trial.expected() : got >= 0;
                    if (ok) hits[h]++;
                }
            }
            for (int h = 0; h < hits.length; h++) hits[h] /= Math.max(1, n);
            rows.put(kind, hits);
            counts.put(kind, n);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        write(rows, counts, sequelPairs.size(), seconds);
        if (rows.get("exact title")[2] != 1.0) throw new IllegalStateException("exact titles must always ground");
    }

    record Trial(List<RankingCandidate> candidates, String answer, int expected) { }

    static Trial trial(String kind, List<String> titles, List<int[]> sequelPairs, Random rnd) {
        Set<Integer> chosen = new HashSet<>();
        int target;
        int outsider = -1;
        if (kind.startsWith("NEG sequel")) {
            int[] pair = sequelPairs.get(rnd.nextInt(sequelPairs.size()));
            boolean flip = rnd.nextBoolean();
            target = flip ? pair[1] : pair[0];
            outsider = flip ? pair[0] : pair[1];
        } else if (kind.startsWith("\"X, The\"")) {
            target = -1;
            for (int tries = 0; tries < 10_000 && target < 0; tries++) {
                int c = rnd.nextInt(titles.size());
                if (TRAILING_ARTICLE.matcher(titles.get(c)).matches()) target = c;
            }
        } else {
            target = rnd.nextInt(titles.size());
        }
        chosen.add(target);
        if (kind.startsWith("NEG random")) {
            do outsider = rnd.nextInt(titles.size()); while (outsider == target);
        }
        while (chosen.size() < CANDIDATES) {
            int c = rnd.nextInt(titles.size());
            if (c != outsider) chosen.add(c);
        }
        List<Integer> order = new ArrayList<>(chosen);
        java.util.Collections.shuffle(order, rnd);
        List<RankingCandidate> cands = new ArrayList<>();
        for (int id : order) cands.add(new RankingCandidate(id, titles.get(id), List.of(), ""));
        int expected = order.indexOf(target);
        String title = titles.get(target);
        return switch (kind) {
            case "exact title" -> new Trial(cands, title, expected);
            case "year dropped" -> new Trial(cands, YEAR.matcher(title).replaceFirst(""), expected);
            case "one typo" -> new Trial(cands, typos(YEAR.matcher(title).replaceFirst(""), 1, rnd), expected);
            case "two typos" -> new Trial(cands, typos(YEAR.matcher(title).replaceFirst(""), 2, rnd), expected);
            case "explanation appended" -> new Trial(cands, title + " - a gripping story you will enjoy", expected);
            default -> {
                if (kind.startsWith("\"X, The\"")) {
                    Matcher m = TRAILING_ARTICLE.matcher(title);
                    if (!m.matches()) yield null;
                    yield new Trial(cands, m.group(2) + " " + m.group(1) + " " + m.group(3), expected);
                }
                yield new Trial(cands, titles.get(outsider), -1);
            }
        };
    }

    /** {@code n} substitutions of letters at distinct random positions by other random lower-case letters. */
    static String typos(String s, int n, Random rnd) {
        char[] c = s.toCharArray();
        List<Integer> letters = new ArrayList<>();
        for (int i = 0; i < c.length; i++) if (Character.isLetter(c[i])) letters.add(i);
        java.util.Collections.shuffle(letters, rnd);
        for (int k = 0; k < Math.min(n, letters.size()); k++) {
            int i = letters.get(k);
            char r;
            do r = (char) ('a' + rnd.nextInt(26)); while (r == Character.toLowerCase(c[i]));
            c[i] = r;
        }
        return new String(c);
    }

    /** Pairs (a, b) where b's title without year is a's plus " 2".." 9"/" II".."IV" (e.g. Toy Story, Toy Story 2). */
    static List<int[]> sequelPairs(List<String> titles) {
        Map<String, Integer> byBase = new java.util.HashMap<>();
        for (int i = 0; i < titles.size(); i++) byBase.putIfAbsent(YEAR.matcher(titles.get(i)).replaceFirst(""), i);
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < titles.size(); i++) {
            Matcher m = SEQUEL.matcher(YEAR.matcher(titles.get(i)).replaceFirst(""));
            if (m.matches() && byBase.containsKey(m.group(1))) pairs.add(new int[] {byBase.get(m.group(1)), i});
        }
        return pairs;
    }

    static List<String> readTitles(Path movies) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(movies, StandardCharsets.UTF_8);
        for (int ln = 1; ln < lines.size(); ln++) {
            List<String> f = csv(lines.get(ln));
            if (f.size() != 3) throw new IllegalStateException(movies + ":" + (ln + 1) + ": expected 3 fields, got " + f.size());
            out.add(f.get(1));
        }
        return out;
    }

    /** RFC 4180 fields of one line (quoted fields, doubled quotes). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { sb.append('"'); i++; }
                else if (c == '"') q = false;
                else sb.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { out.add(sb.toString()); sb.setLength(0); }
            else sb.append(c);
        }
        out.add(sb.toString());
        return out;
    }

    /** The first ancestor of the working directory holding {@code shared/data} (the repo's sibling). */
    static Path findData() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/data"))) return p.resolve("shared/data");
        }
        throw new IllegalStateException("shared/data not found above " + Path.of("").toAbsolutePath());
    }

    static void write(Map<String, double[]> rows, Map<String, Integer> counts, int pairs, double seconds) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# Title grounding: recovery of mangled candidate titles and rejection of non-candidates\n\n");
        sb.append("Written by `TitleGroundingBenchmark` (genrec-llm tests, tag `benchmark`).\n\n");
        sb.append("- command (repository root): `").append(COMMAND).append("`\n");
        sb.append("- date: ").append(Instant.now()).append(", git sha: ").append(gitSha()).append('\n');
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", Java ").append(Runtime.version()).append('\n');
        sb.append(String.format(Locale.ROOT, "- data: ml-latest-small movies.csv (9,742 titles, %d sequel/prequel pairs); seed %d; "
                + "%d trials per row, %d random candidates per trial; wall time %.1f s%n%n", pairs, SEED, TRIALS, CANDIDATES, seconds));
        sb.append("Rows without NEG: share of answers grounded to the intended candidate (higher is better). ")
                .append("NEG rows: share of non-candidate answers wrongly accepted as some candidate (lower is better).\n\n");
        sb.append("| answer given by the LLM | trials |");
        for (double t : THRESHOLDS) sb.append(String.format(Locale.ROOT, " t=%.2f |", t));
        sb.append("\n|---|---|");
        for (int i = 0; i < THRESHOLDS.length; i++) sb.append("---|");
        sb.append('\n');
        for (var e : rows.entrySet()) {
            sb.append("| ").append(e.getKey()).append(" | ").append(counts.get(e.getKey())).append(" |");
            for (double v : e.getValue()) sb.append(String.format(Locale.ROOT, " %.3f |", v));
            sb.append('\n');
        }
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) root = root.getParent();
        if (root == null) throw new IllegalStateException("run from inside the repository");
        Path out = root.resolve("docs/results/llm-title-grounding.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
        System.out.println(sb);
    }

    static String gitSha() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? s : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }
}
