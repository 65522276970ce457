package io.genrec.models.sequential;

import io.genrec.data.Dataset;
import io.genrec.models.training.ParameterSet;
import io.genrec.models.training.TrainableNetwork;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Cutting a batch's common leading padding keeps every real position's hidden state; the default batch plan. */
class PaddingTrimTest {
    private final Dataset data = SequenceTestData.cyclic(80, 24, 4, 14, 3);

    @Test
    void trimmedWindowsGiveTheSameHiddenStatesAsPaddedOnes() {
        int pad = data.numItems();
        int[] window = {pad, pad, pad, pad, 3, 4, 5, 6, 7, 8}; // 6 real items of max_len 10
        int[] cut = Arrays.copyOfRange(window, 4, 10);
        SasRecConfig s = SasRecTest.small(NextItemLoss.FULL_SOFTMAX);
        Bert4RecConfig b = Bert4RecTest.small();
        Gru4RecConfig g = new Gru4RecConfig(12, 10, 0.1, s.training());
        List<NextItemNetwork> nets = List.of(new SasRecNetwork(new SequenceBatches(data, 10), s),
                new Bert4RecNetwork(new SequenceBatches(data, 10), b), new Gru4RecNetwork(new SequenceBatches(data, 10), g));
        int[] hidden = {s.hiddenSize(), b.hiddenSize(), g.hiddenSize()};
        for (int n = 0; n < nets.size(); n++) {
            NextItemNetwork net = nets.get(n);
            ParameterSet w = NetworkProbe.perturbed(net.initialParameters(new Random(5)));
            float[][] full = NetworkProbe.hidden(net, w, window, hidden[n]);
            float[][] trimmed = NetworkProbe.hidden(net, w, cut, hidden[n]);
            assertEquals(6, trimmed.length);
            for (int t = 0; t < 6; t++)
                assertArrayEquals(full[4 + t], trimmed[t], 1e-5f, net.getClass().getSimpleName() + " position " + t);
        }
    }

    @Test
    void examplesLoseOnlyTheCommonLeadingPadding() {
        int p = 99;
        var ex = new NextItemNetwork.Examples(new int[] {p, p, p, 1, 2, p, p, 3, 4, 5}, new int[] {3, 4, 7, 8, 9},
                new int[] {2, 7, 4, 5, 6}, new int[5]);
        var t = ex.trimmed(2, 5, p);
        assertArrayEquals(new int[] {p, 1, 2, 3, 4, 5}, t.inputs(), "longest row has 3 items: 2 columns go");
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, t.positions());
        var none = new NextItemNetwork.Examples(new int[] {1, 2, p, 3}, new int[] {0, 1, 3}, new int[3], new int[3]);
        assertSame(none, none.trimmed(2, 2, p), "a batch with no common leading padding is returned as is");
    }

    @Test
    void defaultPlanIsConsecutiveChunksAndDrawsNothing() {
        TrainableNetwork plain = new TrainableNetwork() {
            public ParameterSet initialParameters(Random rng) { return new ParameterSet(); }
            public int numRows() { return 5; }
            public ai.djl.ndarray.NDArray loss(io.genrec.models.training.Batch b) { throw new UnsupportedOperationException(); }
        };
        SplittableRandom rng = new SplittableRandom(1), copy = new SplittableRandom(1);
        List<int[]> plan = plain.batches(new int[] {4, 2, 0, 1, 3}, 2, rng);
        assertEquals(List.of("[4, 2]", "[0, 1]", "[3]"), plan.stream().map(Arrays::toString).toList());
        assertEquals(copy.nextLong(), rng.nextLong(), "the default plan must not consume randomness");
    }
}
