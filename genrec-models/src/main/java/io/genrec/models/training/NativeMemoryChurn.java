package io.genrec.models.training;

import java.nio.ByteBuffer;

/** Test helper: provokes what a garbage collection in the middle of a training step does to native memory. */
public final class NativeMemoryChurn {
    private NativeMemoryChurn() { }

    /**
     * Collects garbage, waits for the reference handler to free unreachable direct buffers, then allocates small
     * direct buffers so freed native memory gets reused (and overwritten).
     */
    public static void collectAndReuse() {
        System.gc();
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int k = 0; k < 1000; k++) ByteBuffer.allocateDirect(4).putFloat(0, 77f);
    }
}
