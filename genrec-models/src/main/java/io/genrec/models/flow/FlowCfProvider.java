package io.genrec.models.flow;

import io.genrec.models.training.NeuralProvider;

/** {@code flowcf}: flow matching for collaborative filtering (Liu et al. KDD 2025). */
public final class FlowCfProvider extends NeuralProvider<FlowCfConfig> {
    public FlowCfProvider() {
        super("flowcf", "FlowCF: flow matching from a popularity prior to the interaction vector, few-step Euler sampling (Liu et al. 2025)",
                FlowCfConfig::defaults, FlowCf::new,
                (l, c) -> new FlowCf.Fitted(l.weights().shape("out" + (c.dims().size() - 1) + ".b")[0], l.header().provenance(), c, l.weights()));
    }
}
