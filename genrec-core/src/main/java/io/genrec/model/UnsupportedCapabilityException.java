package io.genrec.model;

/** Thrown when a caller asks a recommender for a capability it does not declare. */
public final class UnsupportedCapabilityException extends UnsupportedOperationException {
    public UnsupportedCapabilityException(String model, Capability capability) {
        super("model '" + model + "' does not support " + capability);
    }
}
