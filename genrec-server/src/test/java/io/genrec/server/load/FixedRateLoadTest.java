package io.genrec.server.load;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedRateLoadTest {
    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.Set<Object> seenConnections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Queue<String> posted = new java.util.concurrent.ConcurrentLinkedQueue<>();
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
        // a chunked body (length 0 = chunked in HttpServer) and a fixed-length one; both must be read to the end so the
        // keep-alive connection stays usable for the next request
        server.createContext("/chunked", x -> {
            if (seenConnections.add(x.getRemoteAddress())) connections.incrementAndGet();
            x.sendResponseHeaders(200, 0);
            try (var out = x.getResponseBody()) {
                for (int i = 0; i < 3; i++) { out.write(new byte[5000]); out.flush(); }
            }
        });
        server.createContext("/echo", x -> {
            posted.add(x.getRequestMethod() + " " + new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            byte[] b = "{\"ok\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.sendResponseHeaders(201, b.length);
            try (var out = x.getResponseBody()) { out.write(b); }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() { server.stop(0); }

    private FixedRateLoad.Stream stream(String name, double rate, String path) {
        return new FixedRateLoad.Stream(name, rate, rng -> new FixedRateLoad.Request("GET", path, null));
    }

    private List<FixedRateLoad.Result> run(List<FixedRateLoad.Stream> streams, double seconds, int workers)
            throws InterruptedException {
        return FixedRateLoad.run(server.getAddress(), streams, Duration.ofMillis(200),
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

    @Test
    void readsChunkedBodiesAndKeepsConnectionsAlive() throws Exception {
        FixedRateLoad.Result r = run(List.of(stream("chunked", 100, "/chunked")), 0.5, 2).getFirst();
        assertEquals(0, r.errors());
        assertEquals(r.scheduled(), r.ok());
        // 70 requests over two sending threads: a reader that lost track of a body would fail or reconnect per request
        assertTrue(connections.get() <= 2, "connections opened: " + connections.get());
    }

    @Test
    void postsJsonBodies() throws Exception {
        FixedRateLoad.Stream posts = new FixedRateLoad.Stream("posts", 50, rng -> new FixedRateLoad.Request("POST", "/echo", "{\"n\":1}"));
        FixedRateLoad.Result r = run(List.of(posts), 0.2, 1).getFirst();
        assertEquals(0, r.errors());
        assertEquals(r.scheduled(), r.ok());
        assertTrue(posted.size() >= r.scheduled());
        assertTrue(posted.stream().allMatch("POST {\"n\":1}"::equals), posted.peek());
    }
}
