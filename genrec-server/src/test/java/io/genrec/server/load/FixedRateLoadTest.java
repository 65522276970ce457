package io.genrec.server.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedRateLoadTest {
    private HttpServer server;
    private String base;
    private final AtomicInteger hits = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fast", x -> { hits.incrementAndGet(); x.sendResponseHeaders(200, -1); x.close(); });
        server.createContext("/broken", x -> { x.sendResponseHeaders(500, -1); x.close(); });
        server.createContext("/slow", x -> {
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private FixedRateLoad.Stream stream(String name, double rate, String path) {
        return new FixedRateLoad.Stream(name, rate, rng -> HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private static List<FixedRateLoad.Result> run(List<FixedRateLoad.Stream> streams, double seconds, int workers)
            throws InterruptedException {
        return FixedRateLoad.run(HttpClient.newHttpClient(), streams, Duration.ofMillis(200),
                Duration.ofMillis(Math.round(seconds * 1000)), workers, 1, Duration.ofSeconds(10));
    }

    @Test
    void sendsOnScheduleAndCountsOnlyAfterTheWarmUp() throws Exception {
        FixedRateLoad.Result r = run(List.of(stream("fast", 200, "/fast")), 1.0, 4).getFirst();
        // 200/s for 1 s after the warm-up: 200 requests counted (the warm-up's 40 are sent but not counted)
        assertEquals(200, r.scheduled(), 1);
        assertEquals(r.scheduled(), r.ok());
        assertEquals(0, r.errors());
        assertEquals(0, r.unfinished());
        assertEquals(r.scheduled() + 40, hits.get(), 2);
    }

    @Test
    void countsFailuresPerStream() throws Exception {
        List<FixedRateLoad.Result> rs = run(List.of(stream("fast", 100, "/fast"), stream("broken", 50, "/broken")), 0.5, 2);
        assertEquals(0, rs.get(0).errors());
        assertEquals(25, rs.get(1).scheduled(), 1);
        assertEquals(rs.get(1).scheduled(), rs.get(1).errors());
        assertEquals(0, rs.get(1).ok());
    }

    @Test
    void chargesQueueingBehindASlowServerToTheLatency() throws Exception {
        // One worker, 100 requests/s against a server that needs 50 ms each: a closed-loop client would report about
        // 50 ms per request; measured from the schedule, request n waits for the n before it (about 40 ms more each).
        FixedRateLoad.Result r = run(List.of(stream("slow", 100, "/slow")), 0.5, 1).getFirst();
        assertEquals(0, r.errors());
        assertTrue(r.millis(50) > 300, "median from schedule: " + r.millis(50));
        assertTrue(r.maxMillis() > 1000, "max from schedule: " + r.maxMillis());
    }
}
