package io.genrec.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Peak heap use during a phase: resets the heap pools' peak counters at {@link #start()}, and {@link #peakMb()}
 * sums the pools' peaks (an upper bound of the true simultaneous peak, as pools peak at different moments).
 */
final class HeapMeter {
    private HeapMeter() { }

    static void start() {
        System.gc(); // so that garbage of the previous model does not count against this one
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && p.isValid()) p.resetPeakUsage();
    }

    static double peakMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP && p.isValid()) sum += p.getPeakUsage().getUsed();
        return sum / (1024.0 * 1024.0);
    }
}
