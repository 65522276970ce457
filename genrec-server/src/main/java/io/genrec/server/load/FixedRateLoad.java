package io.genrec.server.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * An open-loop load generator for {@code genrec serve}: requests leave on a fixed schedule (so many per second,
 * whatever the server does) and every latency is measured from the request's <em>scheduled</em> time, not from when a
 * free connection finally sent it. A server that stalls is therefore charged for every request that queued behind
 * the stall — the "coordinated omission" a closed-loop tool such as wrk makes (wrk2's correction, done here in Java
 * because wrk2 is not packaged). Several streams (recommendation reads, event writes) run at their own rates at once.
 *
 * <p>Run it as {@code genrec bench load key=value ...}; {@code scripts/serving-load.sh --fixed-rate R} uses it.
 */
public final class FixedRateLoad {
    /** One HTTP/1.1 request: method, path with query, and a JSON body or null. */
    public record Request(String method, String target, String jsonBody) { }

    /** A stream of requests at {@code rate} per second; {@code next} builds request number n from a seeded random. */
    public record Stream(String name, double rate, Function<SplittableRandom, Request> next) {
        public Stream {
            if (!(rate > 0)) throw new IllegalArgumentException("stream " + name + ": rate must be > 0, got " + rate);
        }
    }

    /**
     * What one stream measured after the warm-up: requests scheduled, answered 2xx, failed (non-2xx, I/O error or
     * timeout), still open when the run ended; latencies in microseconds from the scheduled time; the worst delay of
     * the generator's own dispatch behind schedule (if that is large the generator, not the server, was the limit).
     */
    public record Result(String name, double rate, long scheduled, long ok, long errors, long unfinished,
                         double seconds, Histogram latencyMicros, long maxDispatchLagMicros) {
        public double achievedRate() { return ok / seconds; }
        public double millis(double percentile) { return latencyMicros.getValueAtPercentile(percentile) / 1000.0; }
        public double maxMillis() { return latencyMicros.getMaxValue() / 1000.0; }
    }

    private FixedRateLoad() { }

    /**
     * Runs every stream for {@code warmup + duration} against {@code server}; only requests scheduled after the
     * warm-up are counted. Each stream has {@code workers} sending threads, each with its own keep-alive connection
     * (the most requests it can have in flight); a request waiting for a free worker is still timed from its schedule.
     */
    public static List<Result> run(InetSocketAddress server, List<Stream> streams, Duration warmup, Duration duration,
                                   int workers, long seed, Duration timeout) throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Runner> runners = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++)
            runners.add(new Runner(server, streams.get(i), workers, new SplittableRandom(seed + 7919L * i), timeout));
        List<Thread> dispatchers = new ArrayList<>();
        for (Runner r : runners) {
            Thread t = Thread.ofPlatform().name("load-" + r.stream.name()).start(() -> r.dispatch(start, measureFrom, end));
            dispatchers.add(t);
        }
        for (Thread t : dispatchers) t.join();
        List<Result> out = new ArrayList<>();
        for (Runner r : runners) out.add(r.finish(timeout, duration.toNanos() / 1e9));
        return out;
    }

    private static final class Runner {
        final Stream stream;
        final ExecutorService pool;
        final SplittableRandom rng;
        final Duration timeout;
        final ThreadLocal<Connection> connection;
        final List<Connection> opened = new CopyOnWriteArrayList<>();
        final Histogram latency = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);
        final AtomicLong ok = new AtomicLong(), errors = new AtomicLong();
        long scheduled, maxLagNanos;
        volatile String firstError;

        Runner(InetSocketAddress server, Stream stream, int workers, SplittableRandom rng, Duration timeout) {
            this.stream = stream;
            this.pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("load-" + stream.name() + "-", 0).factory());
            this.rng = rng;
            this.timeout = timeout;
            this.connection = ThreadLocal.withInitial(() -> {
                Connection c = new Connection(server, (int) timeout.toMillis());
                opened.add(c);
                return c;
            });
        }

        void dispatch(long start, long measureFrom, long end) {
            double period = 1e9 / stream.rate();
            for (long n = 0; ; n++) {
                long at = start + Math.round(n * period);
                if (at >= end) break;
                long wait;
                while ((wait = at - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
                Request request = stream.next().apply(rng);
                boolean counted = at >= measureFrom;
                if (counted) {
                    scheduled++;
                    maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - at);
                }
                pool.execute(() -> send(request, at, counted));
            }
        }

        void send(Request request, long at, boolean counted) {
            int status;
            try {
                status = connection.get().exchange(request);
            } catch (IOException | RuntimeException e) {
                status = -1;
                if (firstError == null) firstError = e + " for " + request.target();
            }
            boolean good = status / 100 == 2;
            if (status > 0 && !good && firstError == null) firstError = "HTTP " + status + " for " + request.target();
            if (!counted) return;
            latency.recordValue(Math.max(0, (System.nanoTime() - at) / 1000));
            (good ? ok : errors).incrementAndGet();
        }

        Result finish(Duration timeout, double seconds) throws InterruptedException {
            pool.shutdown();
            if (!pool.awaitTermination(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) pool.shutdownNow();
            for (Connection c : opened) c.close();
            if (firstError != null) System.err.println("load: " + stream.name() + ": first failure: " + firstError);
            return new Result(stream.name(), stream.rate(), scheduled, ok.get(), errors.get(), scheduled - ok.get() - errors.get(),
                    seconds, latency, maxLagNanos / 1000);
        }
    }

    /**
     * A blocking HTTP/1.1 keep-alive connection owned by one sending thread. Hand-written rather than
     * {@code java.net.http.HttpClient} because the generator shares the server's two cores: that client's selector
     * thread, futures and per-request objects cost more CPU and GC than the server's own answer, and every pause of
     * the generator is charged to the server's latency. Reads Content-Length and chunked bodies; reconnects when the
     * server closed the connection.
     */
    static final class Connection implements AutoCloseable {
        private final InetSocketAddress server;
        private final int timeoutMillis;
        private final String host;
        private Socket socket;
        private BufferedInputStream in;
        private OutputStream out;

        Connection(InetSocketAddress server, int timeoutMillis) {
            this.server = server;
            this.timeoutMillis = timeoutMillis;
            this.host = server.getHostString() + ":" + server.getPort();
        }

        /** Sends one request and reads the whole answer; returns the status code. */
        int exchange(Request request) throws IOException {
            byte[] body = request.jsonBody() == null ? null : request.jsonBody().getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(160).append(request.method()).append(' ').append(request.target())
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (body != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
            boolean fresh = socket == null;
            if (fresh) open();
            try {
                return roundTrip(headBytes, body);
            } catch (IOException e) {
                close();
                if (fresh) throw e;
                open(); // the server may close an idle keep-alive connection; one retry on a new one
                return roundTrip(headBytes, body);
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(server, timeoutMillis);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        private int roundTrip(byte[] head, byte[] body) throws IOException {
            if (body == null) out.write(head);
            else {
                byte[] all = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
            }
            out.flush();
            String status = line();
            if (status.length() < 12 || !status.startsWith("HTTP/1.")) throw new IOException("bad status line '" + status + "'");
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false, closeAfter = false;
            for (String h; !(h = line()).isEmpty(); ) {
                int colon = h.indexOf(':');
                if (colon <= 0) continue;
                String name = h.substring(0, colon).trim(), value = h.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
                else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                else if (name.equalsIgnoreCase("Connection")) closeAfter = value.equalsIgnoreCase("close");
            }
            if (chunked) {
                for (long n; (n = Long.parseLong(line().split(";", 2)[0].trim(), 16)) > 0; ) {
                    skip(n);
                    line();
                }
                while (!line().isEmpty()) { } // trailers
            } else if (length >= 0) skip(length);
            else if (code >= 200 && code != 204 && code != 304) closeAfter = true; // body runs to the end of the stream
            if (closeAfter) close();
            return code;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) throw new EOFException("connection closed by the server");
                if (c != '\r') b.append((char) c);
            }
            return b.toString();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long s = in.skip(n);
                if (s <= 0) {
                    if (in.read() < 0) throw new EOFException("connection closed inside a body");
                    s = 1;
                }
                n -= s;
            }
        }

        @Override
        public void close() {
            if (socket == null) return;
            try { socket.close(); } catch (IOException ignored) { }
            socket = null;
        }
    }

    /** The recommendation read of {@code scripts/serving-load/recommend.lua}: a random known user 0..users-1. */
    public static Stream recommendations(double rate, String model, int users, int k) {
        return new Stream("recommend " + model, rate, rng -> new Request("GET",
                "/v1/users/" + rng.nextInt(users) + "/recommendations?k=" + k + "&model=" + model, null));
    }

    /** A fixed path at the same rate, e.g. {@code /health}: the generator's and HTTP stack's own floor. */
    public static Stream path(double rate, String path) {
        return new Stream("path " + path, rate, rng -> new Request("GET", path, null));
    }

    /** One view event per request with a unique idempotency key, as {@code scripts/serving-load/events.lua}. */
    public static Stream events(double rate, int users, int items) {
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong n = new AtomicLong();
        return new Stream("events", rate, rng -> new Request("POST", "/v1/events", String.format(Locale.ROOT,
                "{\"user\":\"%d\",\"item\":\"%d\",\"type\":\"view\",\"idempotency_key\":\"fixed-%s-%d\"}",
                rng.nextInt(users), rng.nextInt(items), run, n.incrementAndGet())));
    }

    /**
     * {@code genrec bench load url=http://127.0.0.1:8080 model=ease users=N [rate=1000] [duration=20] [warmup=5]
     * [k=10] [workers=32] [events=0] [items=N] [seed=42] [timeout=5] [path=/health]}: {@code path} replaces the
     * recommendation reads by GETs of that path (a calibration run: what the generator and the HTTP stack cost). Prints one tab-separated line per stream
     * ({@code name rate scheduled ok errors unfinished achieved/s p50 p90 p99 p99.9 max max-dispatch-lag}, times in ms)
     * after a header line starting with '#'. Exit status 1 if any request failed or stayed open.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("load: arguments are key=value, got '" + arg + "'");
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        for (String required : List.of("url", "model", "users"))
            if (!a.containsKey(required)) throw new IllegalArgumentException("load: missing " + required + "=...");
        URI url = URI.create(a.remove("url").replaceAll("/+$", ""));
        if (!"http".equals(url.getScheme()) || url.getHost() == null)
            throw new IllegalArgumentException("load: url must be http://HOST:PORT, got '" + url + "'");
        InetSocketAddress server = new InetSocketAddress(url.getHost(), url.getPort() < 0 ? 80 : url.getPort());
        String model = a.remove("model");
        String path = a.remove("path");
        if (path != null && !path.startsWith("/")) throw new IllegalArgumentException("load: path must start with '/', got '" + path + "'");
        int users = positiveInt(a, "users", null);
        double rate = positiveDouble(a, "rate", "1000");
        Duration duration = Duration.ofMillis(Math.round(1000 * positiveDouble(a, "duration", "20")));
        Duration warmup = Duration.ofMillis(Math.round(1000 * nonNegativeDouble(a, "warmup", "5")));
        Duration timeout = Duration.ofMillis(Math.round(1000 * positiveDouble(a, "timeout", "5")));
        int k = positiveInt(a, "k", "10");
        int workers = positiveInt(a, "workers", "32");
        double events = nonNegativeDouble(a, "events", "0");
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        a.remove("seed");
        int items = events > 0 ? positiveInt(a, "items", null) : 0;
        a.remove("items");
        if (!a.isEmpty()) throw new IllegalArgumentException("load: unknown argument(s) " + a.keySet());

        List<Stream> streams = new ArrayList<>();
        streams.add(path != null ? path(rate, path) : recommendations(rate, model, users, k));
        if (events > 0) streams.add(events(events, users, items));
        List<Result> results = run(server, streams, warmup, duration, workers, seed, timeout);
        System.out.println("#stream\trate\tscheduled\tok\terrors\tunfinished\tachieved_per_s\tp50_ms\tp90_ms\tp99_ms\tp999_ms\tmax_ms\tmax_dispatch_lag_ms");
        boolean failed = false;
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%s\t%.0f\t%d\t%d\t%d\t%d\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f%n",
                    r.name(), r.rate(), r.scheduled(), r.ok(), r.errors(), r.unfinished(), r.achievedRate(),
                    r.millis(50), r.millis(90), r.millis(99), r.millis(99.9), r.maxMillis(), r.maxDispatchLagMicros() / 1000.0);
            failed |= r.errors() > 0 || r.unfinished() > 0;
        }
        if (failed) System.exit(1);
    }

    private static int positiveInt(Map<String, String> a, String key, String fallback) {
        String v = a.containsKey(key) ? a.remove(key) : fallback;
        if (v == null) throw new IllegalArgumentException("load: missing " + key + "=...");
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException ignored) { }
        throw new IllegalArgumentException("load: " + key + " must be a positive integer, got '" + v + "'");
    }

    private static double positiveDouble(Map<String, String> a, String key, String fallback) {
        double d = nonNegativeDouble(a, key, fallback);
        if (d == 0) throw new IllegalArgumentException("load: " + key + " must be > 0");
        return d;
    }

    private static double nonNegativeDouble(Map<String, String> a, String key, String fallback) {
        String v = a.containsKey(key) ? a.remove(key) : fallback;
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && Double.isFinite(d)) return d;
        } catch (NumberFormatException ignored) { }
        throw new IllegalArgumentException("load: " + key + " must be a number >= 0, got '" + v + "'");
    }
}
