package io.genrec.llm.crs;

import io.genrec.llm.embed.ItemEncoder;
import io.genrec.model.ProgressListener;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The content features of the hybrid: similarity to the named movies, to the latest named ones, and co-mention of neighbours. */
class ContentSignalsTest {
    private final CrsCatalog cat = CrsFixtures.catalog();
    private final int matrix = cat.indexOfName("The Matrix (1999)"), inception = cat.indexOfName("Inception (2010)"),
            notebook = cat.indexOfName("The Notebook (2004)"), arrival = cat.indexOfName("Arrival (2016)"), up = cat.indexOfName("Up (2009)");

    /** Unit vectors in 3-d: the Matrix along x, Inception along y, Arrival between them, the rest along z. */
    private float[][] vectors() {
        float[][] v = new float[cat.size()][];
        for (int i = 0; i < v.length; i++) v[i] = new float[] {0, 0, 1};
        v[matrix] = new float[] {1, 0, 0};
        v[inception] = new float[] {0, 1, 0};
        float h = (float) Math.sqrt(0.5);
        v[arrival] = new float[] {h, h, 0};
        v[notebook] = new float[] {0.6f, 0, 0.8f};
        return v;
    }

    private static final ItemEncoder NONE = new ItemEncoder() {
        @Override public String modelId() { return "fixed-test-vectors"; }
        @Override public int dimension() { return 3; }
        @Override public float[][] embed(List<String> texts, ProgressListener listener) { throw new UnsupportedOperationException("vectors are given"); }
    };

    @Test
    void contentMentionedIsTheCosineToTheNormalisedMeanOfTheLikedNamedMovies() {
        Signals s = new Signals(cat, new float[cat.size()], null, NONE, vectors());
        float[] out = new float[cat.size()];
        s.contentMentioned(List.of(matrix, inception, up), List.of(up), out);
        // mean of x and y, normalised: (1/sqrt2, 1/sqrt2, 0); by hand: Arrival 1, the Matrix 0.7071, the Notebook 0.6 * 0.7071
        assertEquals(1f, out[arrival], 1e-6f);
        assertEquals((float) Math.sqrt(0.5), out[matrix], 1e-6f);
        assertEquals(0.6f * (float) Math.sqrt(0.5), out[notebook], 1e-6f);
        assertEquals(0f, out[up], 1e-6f, "the disliked movie does not count, so z-only movies score 0");
        s.contentMentioned(List.of(up), List.of(up), out);
        assertArrayEquals(new float[cat.size()], out, "nothing left to compare with: all 0");
        new Signals(cat, new float[cat.size()], null, null).contentMentioned(List.of(matrix), List.of(), out);
        assertArrayEquals(new float[cat.size()], out, "no encoder: all 0");
    }

    @Test
    void trackerKeepsTheMoviesOfTheLatestUtteranceThatNamedAny() {
        StateTracker t = new StateTracker(cat, null);
        DialogueState st = t.track(List.of(Utterance.user("I loved The Matrix"), Utterance.recommender("Have you seen Inception or Arrival?"),
                Utterance.user("no, what else is there?")));
        assertEquals(List.of(inception, arrival), st.recent());
        assertEquals(List.of(), t.track(List.of(Utterance.user("hi there"))).recent());
    }

    @Test
    void coMentionOfNeighboursReachesMoviesNoTuningDialogueNamesWithTheContext() {
        // the only tuning dialogue pairs Arrival with Up; the context names the Matrix, whose nearest neighbour is Arrival
        List<CrsSample> tune = List.of(new CrsSample("d1", 1, List.of(Utterance.user("Arrival")), new int[] {arrival}, new int[] {up}, ""));
        Signals s = new Signals(cat, new float[cat.size()], null, NONE, vectors()).withStats(new DialogueStats(cat.size(), tune, cat));
        assertEquals(arrival, s.contentNeighbours(matrix)[0]);
        float[] direct = new float[cat.size()], near = new float[cat.size()], left = new float[cat.size()];
        s.coMention(List.of(matrix), null, direct);
        assertArrayEquals(new float[cat.size()], direct, "no tuning dialogue names the Matrix");
        s.coMentionNeighbours(List.of(matrix), List.of(), null, near);
        assertEquals(1f, near[up], 1e-6f, "cosine of Arrival and Up over dialogues: 1 / sqrt(1 * 1)");
        s.coMentionNeighbours(List.of(matrix), List.of(), "d1", left);
        assertEquals(0f, left[up], "leaving d1 out removes its pair");
        s.coMentionNeighbours(List.of(matrix), List.of(matrix), null, left);
        assertEquals(0f, left[up], "a disliked movie's neighbours do not count");
    }
}
