package io.genrec.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a loop over {@code [0, n)} on a fixed number of threads, in chunks taken from a shared counter so uneven work
 * (long and short user histories) balances itself. Each worker gets its own scratch state (buffers allocated once per
 * thread, not per index). The first exception thrown by any worker stops the others and is rethrown to the caller.
 */
public final class Parallel {
    private Parallel() { }

    /** The loop body for indices {@code [from, to)} with this worker's scratch state. */
    @FunctionalInterface
    public interface RangeBody<S> {
        void run(S scratch, int from, int to);
    }

    /**
     * Calls {@code body} over disjoint chunks of at most {@code chunk} indices covering {@code [0, n)}, on up to
     * {@code threads} threads (the calling thread alone when one thread suffices).
     */
    public static <S> void forRange(int n, int threads, int chunk, Supplier<S> scratch, RangeBody<S> body) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0, got " + n);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (chunk < 1) throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        int workers = (int) Math.min(threads, (n + (long) chunk - 1) / chunk);
        if (workers <= 1) {
            if (n > 0) body.run(scratch.get(), 0, n);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                S s = scratch.get();
                int from;
                while (failure.get() == null && (from = next.getAndAdd(chunk)) < n)
                    body.run(s, from, Math.min(n, from + chunk));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        List<Thread> started = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) started.add(Thread.ofPlatform().name("genrec-worker-" + w).start(worker));
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, e);
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) throw re;
        if (t instanceof Error err) throw err;
        if (t != null) throw new IllegalStateException("parallel loop interrupted", t);
    }
}
