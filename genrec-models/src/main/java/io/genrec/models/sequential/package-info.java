/**
 * Sequential (next-item) recommenders on the shared neural training loop ({@link io.genrec.models.training}):
 * SASRec ({@code sasrec}, causal self-attention, sampled-BCE or full-softmax loss), GRU4Rec ({@code gru4rec}) and
 * BERT4Rec ({@code bert4rec}, bidirectional Cloze training, mask-last inference).
 *
 * <p>Training data are the users' time-ordered histories from the {@link io.genrec.data.Dataset} CSR, cut to the
 * most recent {@code max_len} items and left-padded ({@link io.genrec.models.sequential.SequenceBatches}); each
 * network is a set of named weights with a differentiable forward pass in DJL/PyTorch. After training, scoring runs a
 * plain-Java forward pass over the weights (thread safe, no native memory) on the last {@code max_len} items of
 * {@link io.genrec.model.UserContext#history()}, and
 * {@link io.genrec.models.sequential.SequentialFitted#generate} continues a history by several items with greedy or
 * beam search. SASRec's sampled negatives come from a {@link io.genrec.models.sequential.NegativeSampler}: uniform by
 * default, or an IRGAN generator trained adversarially against the model ({@code negatives=irgan}). Every fitted
 * model declares {@code SEQUENTIAL}, {@code LIST_GENERATION}, {@code FOLD_IN} and
 * {@code PERSISTENCE}.
 */
package io.genrec.models.sequential;
