package io.genrec.llm.crs;

import io.genrec.config.Params;
import io.genrec.data.Dataset;
import io.genrec.model.FittedRecommender;
import io.genrec.model.RecommenderRegistry;
import io.genrec.model.TrainContext;

import java.nio.file.Path;
import java.util.Locale;

/** Wires a benchmark or chat: the dataset, its MovieLens link, the collaborative model and the popularity prior. */
public final class CrsSetup {
    private CrsSetup() { }

    /** {@code redial} (iEvaLM processing under {@code root/redial-ievalm}) or {@code inspired} (under {@code root/inspired}). */
    public static CrsDataset load(String name, Path root) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "redial" -> RedialLoader.loadIevalm(root.resolve("redial-ievalm"));
            case "inspired" -> InspiredLoader.load(root.resolve("inspired"), root.resolve("redial-ievalm/redial/id2info.json"));
            default -> throw new IllegalArgumentException("unknown conversational dataset '" + name + "'; known: redial, inspired");
        };
    }

    /** Fits {@code model} (any registered GenRec model, default parameters) on the MovieLens interactions. */
    public static FittedRecommender fitCollaborative(Dataset ml, String model, long seed) {
        return RecommenderRegistry.load().create(model, Params.empty()).fit(TrainContext.of(ml, seed));
    }

    /**
     * The popularity prior: mentions in the tuning dialogues, with MovieLens rating counts (scaled to at most 1) as a
     * tie-break between movies the tuning dialogues never mention.
     */
    public static float[] prior(CrsDataset data, Dataset ml) {
        int[] mlPop = ml == null ? null : ml.itemPopularity();
        int max = 1;
        if (mlPop != null) for (int p : mlPop) max = Math.max(max, p);
        float[] out = new float[data.catalog().size()];
        for (int i = 0; i < out.length; i++) {
            int j = data.catalog().get(i).mlItem();
            out[i] = data.tuneMentions()[i] + (mlPop != null && j >= 0 ? (float) mlPop[j] / max : 0f);
        }
        return out;
    }
}
