package io.genrec.experiment;

import io.genrec.data.Dataset;
import io.genrec.model.Capability;
import io.genrec.model.Recommender;
import io.genrec.split.EvalSet;
import io.genrec.split.GivenSplit;
import io.genrec.split.LeaveOneOutSplitter;
import io.genrec.split.RandomHoldoutSplitter;
import io.genrec.split.Split;
import io.genrec.split.StrongGeneralizationSplitter;
import io.genrec.split.TemporalSplitter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which split protocol a set of models may be evaluated under, decided from the capabilities the models declare
 * before fitting ({@link Recommender#capabilities()}), so a leaky or meaningless combination is refused before any
 * training time is spent. The one place {@code eval} (and its grid search), {@code recommend} and the benchmarks
 * check this.
 *
 * <p>Two requirements come from the models:
 * <ul>
 *   <li>{@link Capability#SEQUENTIAL}: the model predicts what comes after the end of the history, so each test
 *       user's history must be a time-ordered prefix ending before the targets. Leave-one-out (the latest interaction
 *       by time is the target, everything earlier the history) and temporal (one global cut: history before it,
 *       targets after it) give that. Random holdout (random targets from anywhere in the history) and strong
 *       generalisation (random fold-in/target split) do not: a sequence model would be asked to continue a history
 *       that already holds the items after its targets.</li>
 *   <li>no {@link Capability#FOLD_IN}: the model's users are fitted parameters (AutoRec's output units, biased MF's
 *       user biases and factors), so it cannot score a user from a history it was not trained on. Strong
 *       generalisation evaluates only such users and is refused.</li>
 * </ul>
 * {@code given} (pre-split files) is decided from the data ({@link #checkSplit}): a history later than a target is
 * refused, a split without timestamps is allowed with a warning (the order cannot be checked), and so are some
 * test users unseen in training (temporal's newcomers), with a warning naming the models that cannot fold them in.
 */
public final class ProtocolCheck {
    /** What a protocol guarantees, known from its name. */
    private record Guarantees(boolean timeOrderedPrefix, boolean onlyUnseenUsers) { }

    /** In the order the refusal messages list them: the ones sequence models can use first. */
    private static final Map<String, Guarantees> KNOWN = new LinkedHashMap<>();
    static {
        KNOWN.put(LeaveOneOutSplitter.NAME, new Guarantees(true, false));
        KNOWN.put(TemporalSplitter.NAME, new Guarantees(true, false));
        KNOWN.put(RandomHoldoutSplitter.NAME, new Guarantees(false, false));
        KNOWN.put(StrongGeneralizationSplitter.NAME, new Guarantees(false, true));
    }

    /** The protocol {@code auto} picks when no model needs a time-ordered history (the published baselines use it). */
    public static final String DEFAULT = RandomHoldoutSplitter.NAME;
    /** The protocol {@code auto} picks for sequence models: their papers' protocol (SASRec, BERT4Rec). */
    public static final String FOR_SEQUENCES = LeaveOneOutSplitter.NAME;

    private ProtocolCheck() { }

    /**
     * The protocol to run and why.
     *
     * @param protocol  canonical protocol name ({@code leave-one-out}, never an alias or {@code auto})
     * @param reason    why: "requested" or the rule {@code auto} applied, for stderr and the report
     * @param automatic whether it was chosen from the models ({@code auto}) rather than requested
     */
    public record Choice(String protocol, String reason, boolean automatic) {
        /** One line for stderr, e.g. {@code protocol: leave-one-out (chosen because ...)}. */
        public String describe() { return "protocol: " + protocol + (automatic ? " (chosen because " + reason + ")" : " (" + reason + ")"); }
    }

    /**
     * Chooses the protocol for {@code models} ({@code requested} = {@code auto} or null) or checks the requested one.
     *
     * @param presplit whether the data comes with its own split (then {@code auto} means {@code given})
     * @throws IllegalArgumentException naming the model, the protocol and the protocols that work, when a model
     *     cannot be evaluated under the requested protocol
     */
    public static Choice choose(String requested, boolean presplit, Collection<? extends Recommender> models) {
        String p = canonical(requested);
        List<String> sequential = names(models, Capability.SEQUENTIAL, true);
        if (p.equals("auto")) {
            if (presplit) return new Choice(GivenSplit.NAME, "the data is pre-split", true);
            if (!sequential.isEmpty())
                return new Choice(FOR_SEQUENCES, listed(sequential) + (sequential.size() == 1 ? " is a sequence model, which needs" : " are sequence models, which need")
                        + " each test history to be a time-ordered prefix ending before the target; leave-one-out by time is"
                        + " their standard protocol, and every model runs on the same split", true);
            return new Choice(DEFAULT, "no model needs a time-ordered history; a sequence model would get " + FOR_SEQUENCES, true);
        }
        Guarantees g = KNOWN.get(p);
        if (g != null) {
            if (!g.timeOrderedPrefix() && !sequential.isEmpty())
                throw refusal(sequential, p, "sequence models need each test user's history to be a time-ordered prefix ending"
                        + " before the target, and '" + p + "' draws " + (g.onlyUnseenUsers() ? "fold-in histories and targets" : "targets")
                        + " at random from the whole history", models);
            List<String> noFoldIn = names(models, Capability.FOLD_IN, false);
            if (g.onlyUnseenUsers() && !noFoldIn.isEmpty())
                throw refusal(noFoldIn, p, "models without the " + Capability.FOLD_IN + " capability cannot score users unseen in training"
                        + " (their users are fitted parameters), and '" + p + "' evaluates only held-out users", models);
        }
        // unknown names fail in Splitters.create with the list of protocols; 'given' is checked on the data
        return new Choice(p, "requested", false);
    }

    /** The same as {@link #choose} for a protocol that is always given (recommend's and the benchmarks' own splits). */
    public static Choice require(String protocol, Collection<? extends Recommender> models) {
        return choose(protocol, false, models);
    }

    /**
     * Checks a split against the models' needs on the data itself, before fitting: for sequence models, every test
     * user's history must end no later than the first of its targets (a split without timestamps passes with a
     * warning, since its order cannot be checked); for models without fold-in, test users with no training
     * interactions are refused when they are all the test users, and warned about otherwise.
     *
     * @throws IllegalArgumentException naming the split, the models and an example user
     */
    public static void checkSplit(Split split, Collection<? extends Recommender> models, Consumer<String> warn) {
        EvalSet test = split.test();
        int[] users = test.evaluatedUsers();
        if (users.length == 0) return; // DataChecks.requireTestUsers says why
        List<String> sequential = names(models, Capability.SEQUENTIAL, true);
        if (!sequential.isEmpty()) checkOrder(split, test, users, sequential, models, warn);
        List<String> noFoldIn = names(models, Capability.FOLD_IN, false);
        if (!noFoldIn.isEmpty()) {
            int[] ptr = split.train().userPointers();
            int unseen = 0, example = -1;
            for (int u : users) {
                if (u < split.train().numUsers() && ptr[u + 1] > ptr[u]) continue;
                unseen++;
                if (example < 0) example = u;
            }
            if (unseen == users.length)
                throw new IllegalArgumentException(listed(noFoldIn) + " cannot score users unseen in training (no " + Capability.FOLD_IN
                        + " capability), and none of the " + users.length + " test users of split " + split.description()
                        + " has training interactions; protocols that work: " + String.join(", ", working(models)));
            if (unseen > 0)
                warn.accept(String.format(Locale.ROOT, "%d of %d test users of split %s have no training interactions (e.g. user %s);"
                        + " %s cannot fold in unseen users (no %s capability), so %s score them without their histories",
                        unseen, users.length, split.description(), test.history().userIds().externalId(example), listed(noFoldIn),
                        Capability.FOLD_IN, noFoldIn.size() == 1 ? "it does not" : "they do not"));
        }
    }

    private static void checkOrder(Split split, EvalSet test, int[] users, List<String> sequential,
                                   Collection<? extends Recommender> models, Consumer<String> warn) {
        Dataset history = test.history(), targets = test.targets();
        if (!hasTimes(history, targets)) {
            warn.accept("split " + split.description() + " carries no timestamps (all equal): each test history's order is the input"
                    + " order, which cannot be checked to end before the target; " + listed(sequential) + " rely on it");
            return;
        }
        long[] ht = history.timestamps(), tt = targets.timestamps();
        int[] hp = history.userPointers(), tp = targets.userPointers();
        int later = 0, example = -1;
        for (int u : users) {
            long lastHistory = Long.MIN_VALUE, firstTarget = Long.MAX_VALUE;
            for (int k = hp[u]; k < hp[u + 1]; k++) lastHistory = Math.max(lastHistory, ht[k]);
            for (int k = tp[u]; k < tp[u + 1]; k++) firstTarget = Math.min(firstTarget, tt[k]);
            if (lastHistory > firstTarget) {
                later++;
                if (example < 0) example = u;
            }
        }
        if (later > 0)
            throw new IllegalArgumentException("split " + split.description() + ": for " + later + " of " + users.length + " test users (e.g. user "
                    + history.userIds().externalId(example) + ") the history holds interactions later than a target, so it is not a"
                    + " time-ordered prefix, which " + listed(sequential) + " need; protocols that work: " + String.join(", ", working(models)));
    }

    /** Whether the two datasets together hold at least two distinct timestamps (data without times has all 0). */
    private static boolean hasTimes(Dataset a, Dataset b) {
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (long t : a.timestamps()) { min = Math.min(min, t); max = Math.max(max, t); }
        for (long t : b.timestamps()) { min = Math.min(min, t); max = Math.max(max, t); }
        return max > min;
    }

    private static IllegalArgumentException refusal(List<String> culprits, String protocol, String why, Collection<? extends Recommender> models) {
        List<String> ok = working(models);
        return new IllegalArgumentException(listed(culprits) + " cannot be evaluated under protocol '" + protocol + "': " + why
                + "; protocols that work for models " + names(models) + ": " + String.join(", ", ok)
                + " (or leave --protocol out to choose one from the models)");
    }

    /** The named protocols under which every model can be evaluated, in {@link #KNOWN} order. */
    static List<String> working(Collection<? extends Recommender> models) {
        boolean seq = !names(models, Capability.SEQUENTIAL, true).isEmpty();
        boolean noFoldIn = !names(models, Capability.FOLD_IN, false).isEmpty();
        List<String> out = new ArrayList<>();
        for (var e : KNOWN.entrySet())
            if ((e.getValue().timeOrderedPrefix() || !seq) && (!e.getValue().onlyUnseenUsers() || !noFoldIn)) out.add(e.getKey());
        return out;
    }

    /** {@code null}/{@code auto} as {@code auto}; aliases ({@code loo}, {@code holdout}) as their protocol. */
    static String canonical(String protocol) {
        String p = protocol == null ? "auto" : protocol.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "loo" -> LeaveOneOutSplitter.NAME;
            case "holdout" -> RandomHoldoutSplitter.NAME;
            case "" -> "auto";
            default -> p;
        };
    }

    /** Distinct model names with ({@code has}) or without the capability, in order. */
    private static List<String> names(Collection<? extends Recommender> models, Capability c, boolean has) {
        List<String> out = new ArrayList<>();
        for (Recommender r : models)
            if (r.capabilities().contains(c) == has && !out.contains(r.name())) out.add(r.name());
        return out;
    }

    private static List<String> names(Collection<? extends Recommender> models) {
        List<String> out = new ArrayList<>();
        for (Recommender r : models) if (!out.contains(r.name())) out.add(r.name());
        return out;
    }

    private static String listed(List<String> names) {
        return (names.size() == 1 ? "model '" : "models '") + String.join("', '", names) + "'";
    }
}
