package io.genrec.server.online;

import java.util.List;
import java.util.Map;

/**
 * What an experiment measured so far. Rates carry 95% Wilson score intervals ({@link Stats#wilson}).
 *
 * @param experiment       the configuration (API JSON form)
 * @param status           {@code scheduled}, {@code running} or {@code stopped}
 * @param impressions      lists served under the experiment
 * @param attributedEvents feedback events credited to those lists
 * @param arms             per arm (A/B) or per team (interleaving)
 * @param interleaving     per-impression duel outcome; null for A/B
 */
public record ExperimentReport(Map<String, Object> experiment, String status, long impressions, long attributedEvents,
                               List<ArmReport> arms, InterleavingReport interleaving) {
    /**
     * One arm. A/B: {@code impressions} are the lists it served. Interleaving: the slates it contributed at least
     * one item to; clicks and conversions are those on its own items.
     *
     * @param clicks           click-type events credited to the arm
     * @param conversions      conversion-type events credited to the arm
     * @param ctr              impressions with at least one click / impressions
     * @param conversionRate   impressions with at least one conversion / impressions
     */
    public record ArmReport(String arm, long impressions, long clicks, long conversions, Stats.Rate ctr, Stats.Rate conversionRate) { }

    /**
     * Team-draft outcome per impression, counting distinct clicked items per team: {@code armA} wins when its team
     * got more. Ties have clicks on both sides in equal number; impressions without clicks are counted apart and
     * decide nothing.
     *
     * @param delta  (wins + ties/2) / (wins + ties + losses) - 1/2: positive prefers {@code armA} (Chapelle et al. 2012);
     *               null without clicked impressions
     * @param signTestP exact two-sided binomial sign test on wins vs losses (ties left out)
     */
    public record InterleavingReport(String armA, String armB, long wins, long ties, long losses, long noClicks, Double delta, double signTestP) { }
}
