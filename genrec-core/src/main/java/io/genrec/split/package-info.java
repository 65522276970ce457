/**
 * Evaluation protocols: a {@link io.genrec.split.Splitter} turns one dataset into a {@link io.genrec.split.Split}
 * (train, optional validation {@link io.genrec.split.EvalSet}, test EvalSet), all over the input's id maps.
 * {@link io.genrec.split.Splitters#create} builds one by name:
 * <ul>
 *   <li>{@code leave-one-out} ({@code loo}): per user, latest interaction test, second latest validation.</li>
 *   <li>{@code temporal}: one global time line cut at 80% / 90% of the interactions.</li>
 *   <li>{@code random-holdout} ({@code holdout}): per user, random 20% test, 10% of the rest validation.</li>
 *   <li>{@code strong-generalization}: held-out users with an 80% fold-in history and 20% targets (Mult-VAE).</li>
 * </ul>
 * A {@link io.genrec.split.GivenSplit} wraps a split read from pre-split files. Every split's
 * {@link io.genrec.split.Split#description()} records protocol, parameters and seed.
 */
package io.genrec.split;
