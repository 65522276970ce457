package io.genrec.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One short trial of scripts/durability-bench.sh: the client is killed with SIGKILL while appending. */
class DurabilityProbeTest {
    @Test
    void everyEventAcknowledgedBeforeASigkillIsStoredExactlyOnce(@TempDir Path dir) throws Exception {
        Path acks = Files.createDirectories(dir.resolve("acks"));
        String url = "sqlite:" + dir.resolve("events.db");
        Path out = acks.resolve("trial-1.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                DurabilityProbe.class.getName(), "append", "--store", url, "--acks", acks.toString())
                .redirectOutput(out.toFile()).redirectError(dir.resolve("trial-1.err").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (System.nanoTime() < deadline && p.isAlive() && (!Files.exists(out) || Files.size(out) < 2_000)) Thread.sleep(20);
            assertTrue(p.isAlive(), () -> "the client exited by itself: " + read(dir.resolve("trial-1.err")));
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            p.waitFor(10, TimeUnit.SECONDS);
        }
        Set<String> acked = DurabilityProbe.readAcks(acks);
        assertTrue(acked.size() > 0, "some events were acknowledged before the kill");
        try (EventStore s = EventStores.open(url, null)) {
            DurabilityProbe.Report r = DurabilityProbe.verify(s, acked);
            assertTrue(r.ok(), r.toString());
            assertEquals(0, r.lost());
            // the batch in flight at the kill (committed or not) is re-sent by a retrying client: stored once
            long next = r.maxAckedBatch() + 1;
            int before = storedOf(s, next);
            s.append(DurabilityProbe.batch(next));
            s.append(DurabilityProbe.batch(next));
            DurabilityProbe.Report after = DurabilityProbe.verify(s, acked);
            assertTrue(after.ok(), after.toString());
            assertEquals(DurabilityProbe.batchSize(next), storedOf(s, next));
            assertEquals(r.stored() + DurabilityProbe.batchSize(next) - before, after.stored());
        }
    }

    private static int storedOf(EventStore s, long batch) {
        int n = 0;
        for (StoredEvent e : s.readSince(0, Integer.MAX_VALUE))
            if (e.event().idempotencyKey().startsWith("b" + batch + "-")) n++;
        return n;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
