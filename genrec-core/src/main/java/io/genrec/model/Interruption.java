package io.genrec.model;

import java.util.concurrent.TimeUnit;

/**
 * A process-wide request to stop long work at a safe point, set when the process is asked to terminate (the CLI's
 * shutdown hook on SIGINT/SIGTERM). Code that runs native (libtorch) work holds a {@link NativeSection} while it
 * does, and long loops call {@link #check()} at safe points (the training loop: between batches). The hook then
 * waits, bounded, until every section is closed: a JVM that exits while a libtorch call is running can crash in
 * the native library's teardown, leaving an {@code hs_err_pid*.log} instead of a clean exit.
 */
public final class Interruption {
    private static final Object LOCK = new Object();
    private static volatile boolean requested;
    private static int active; // guarded by LOCK

    private Interruption() { }

    /** Asks running work to stop at its next safe point. */
    public static void request() { requested = true; }

    public static boolean requested() { return requested; }

    /** Clears a request (tests; a process that was asked to stop exits instead). */
    public static void clear() { requested = false; }

    /** Throws {@link StoppedException} when a stop was requested; call only where unwinding is safe. */
    public static void check() {
        if (requested) throw new StoppedException();
    }

    /** Marks native work in progress until the returned section is closed (use try-with-resources). */
    public static NativeSection enterNative() {
        synchronized (LOCK) {
            active++;
        }
        return new NativeSection();
    }

    /** Waits until no native section is open, at most {@code millis}; true when none is. */
    public static boolean awaitNativeIdle(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (LOCK) {
            while (active > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) return false;
                LOCK.wait(left);
            }
            return true;
        }
    }

    /** An open stretch of native work; closing it twice is harmless. */
    public static final class NativeSection implements AutoCloseable {
        private boolean closed;

        private NativeSection() { }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (closed) return;
                closed = true;
                active--;
                LOCK.notifyAll();
            }
        }
    }

    /** Thrown at a safe point after {@link #request()}: the work was abandoned, nothing of it is kept. */
    public static final class StoppedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StoppedException() { super("stopped on request (SIGINT/SIGTERM)"); }
    }
}
