package io.genrec.server.store;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The client of the durability benchmark ({@code scripts/durability-bench.sh}), which {@code kill -9}s it at random
 * moments and restarts it.
 * <pre>
 *   append --store URL --acks DIR [--writers N]
 *                                   verify the store against the acknowledgements in DIR, print "ready" on stderr,
 *                                   then append batches forever from N threads (default 1; several writers exercise
 *                                   the group commit), printing "ack KEY" on stdout for each event once append has
 *                                   returned (so the event is durable)
 *   verify --store URL --acks DIR   only verify; exit 0 when no acknowledged event is lost or duplicated
 *   reset-pg-schema --store URL     drop and re-create the schema named by the URL's currentSchema parameter
 * </pre>
 * Batches are numbered; batch {@code b} holds 1..50 events (size fixed by {@code b}) keyed {@code b<b>-e<j>}; writer
 * {@code t} of {@code N} sends the batches {@code b ≡ t (mod N)}. A restart resumes each writer after its last batch
 * with an acknowledgement, so a batch in flight at the kill is sent again, as a client retry would: it must not be
 * stored twice.
 */
public final class DurabilityProbe {
    private static final Pattern ACK = Pattern.compile("ack (b(\\d+)-e(\\d+))");
    private static final Pattern KEY = Pattern.compile("b(\\d+)-e(\\d+)");

    private DurabilityProbe() { }

    /** The number of events in batch {@code b} (deterministic, so a verifier knows a batch's size). */
    static int batchSize(long b) {
        return 1 + new Random(b * 0x9E3779B97F4A7C15L).nextInt(50);
    }

    static List<Event> batch(long b) {
        int n = batchSize(b);
        List<Event> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++)
            out.add(new Event("u" + (b * 7 + j) % 97, "i" + (b * 13 + j) % 1009, "click", null, b * 1000 + j, "b" + b + "-e" + j));
        return out;
    }

    /** What a verification found. */
    record Report(int acknowledged, int stored, int lost, int duplicated, int partialBatches, int unacknowledgedStored,
                  int foreign, boolean sequenceOk, long maxAckedBatch) {
        boolean ok() { return lost == 0 && duplicated == 0 && partialBatches == 0 && foreign == 0 && sequenceOk; }

        @Override
        public String toString() {
            return "verify " + (ok() ? "ok" : "FAIL") + ": acknowledged " + acknowledged + ", stored " + stored + ", lost " + lost
                    + ", duplicated " + duplicated + ", partial batches " + partialBatches + ", stored but unacknowledged "
                    + unacknowledgedStored + ", foreign " + foreign + ", sequence " + (sequenceOk ? "ok" : "BROKEN");
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) usage();
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) opt.put(args[i], args[i + 1]);
        String url = opt.get("--store");
        if (url == null) usage();
        switch (args[0]) {
            case "reset-pg-schema" -> resetSchema(url);
            case "verify", "append" -> {
                String acks = opt.get("--acks");
                if (acks == null) usage();
                try (EventStore store = EventStores.open(url, null)) {
                    Report r = verify(store, readAcks(Path.of(acks)));
                    (args[0].equals("verify") ? System.out : System.err).println(r);
                    if (!r.ok()) System.exit(3);
                    if (args[0].equals("append"))
                        appendForever(store, readAcks(Path.of(acks)), Integer.parseInt(opt.getOrDefault("--writers", "1")));
                }
            }
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: DurabilityProbe append|verify --store URL --acks DIR [--writers N] | reset-pg-schema --store URL");
        System.exit(2);
    }

    private static void appendForever(EventStore store, Set<String> acked, int writers) throws Exception {
        if (writers < 1) throw new IllegalArgumentException("--writers must be >= 1, got " + writers);
        long[] next = new long[writers];
        for (int t = 0; t < writers; t++) next[t] = t;
        for (String k : acked) {
            Matcher m = KEY.matcher(k);
            if (!m.matches()) continue;
            long b = Long.parseLong(m.group(1));
            int t = (int) (b % writers);
            next[t] = Math.max(next[t], b + writers);
        }
        System.err.println("ready: resuming at batches " + java.util.Arrays.toString(next));
        System.err.flush();
        // one write() per batch straight to the file descriptor (under 4 KiB, so writers' lines do not interleave): a
        // kill can cut the output only between batches or inside one write; the verifier ignores an unterminated last line
        FileOutputStream out = new FileOutputStream(java.io.FileDescriptor.out);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            long first = next[t];
            Thread th = new Thread(() -> {
                try {
                    for (long b = first; ; b += writers) {
                        List<Event> events = batch(b);
                        store.append(events);
                        StringBuilder acks = new StringBuilder(events.size() * 16);
                        for (Event e : events) acks.append("ack ").append(e.idempotencyKey()).append('\n');
                        out.write(acks.toString().getBytes(StandardCharsets.UTF_8));
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.exit(4);
                }
            }, "writer-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
    }

    /** Acknowledged keys from every file in {@code dir} (complete lines only). */
    static Set<String> readAcks(Path dir) throws IOException {
        Set<String> keys = new HashSet<>();
        if (!Files.isDirectory(dir)) return keys;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                int end = text.lastIndexOf('\n');
                if (end < 0) continue;
                for (String line : text.substring(0, end).split("\n")) {
                    Matcher m = ACK.matcher(line);
                    if (m.matches()) keys.add(m.group(1));
                }
            }
        }
        return keys;
    }

    static Report verify(EventStore store, Set<String> acked) {
        Map<String, Integer> count = new HashMap<>();
        TreeMap<Long, Integer> perBatch = new TreeMap<>();
        boolean sequenceOk = true;
        int stored = 0, foreign = 0;
        long cursor = 0;
        for (List<StoredEvent> page; !(page = store.readSince(cursor, 10_000)).isEmpty(); ) {
            for (StoredEvent e : page) {
                if (e.sequence() <= cursor) sequenceOk = false;
                cursor = e.sequence();
                stored++;
                String key = e.event().idempotencyKey();
                Matcher m = key == null ? null : KEY.matcher(key);
                if (m == null || !m.matches()) {
                    foreign++;
                    continue;
                }
                if (count.merge(key, 1, Integer::sum) == 1) perBatch.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
            }
        }
        if (stored != store.count() || cursor != store.lastSequence()) sequenceOk = false;
        int lost = 0, duplicated = 0, partial = 0, unacked = 0;
        long maxAcked = -1;
        for (String k : acked) {
            if (!count.containsKey(k)) lost++;
            Matcher m = KEY.matcher(k);
            if (m.matches()) maxAcked = Math.max(maxAcked, Long.parseLong(m.group(1)));
        }
        for (Map.Entry<String, Integer> e : count.entrySet()) {
            if (e.getValue() > 1) duplicated++;
            if (!acked.contains(e.getKey())) unacked++;
        }
        for (Map.Entry<Long, Integer> e : perBatch.entrySet()) if (e.getValue() != batchSize(e.getKey())) partial++;
        return new Report(acked.size(), stored, lost, duplicated, partial, unacked, foreign, sequenceOk, maxAcked);
    }

    private static void resetSchema(String url) throws SQLException {
        Matcher m = Pattern.compile("[?&]currentSchema=([a-z_][a-z0-9_]*)").matcher(url);
        if (!m.find()) throw new IllegalArgumentException("--store must name a schema: ...&currentSchema=NAME (lower-case letters, digits, _)");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + m.group(1) + " CASCADE");
            s.execute("CREATE SCHEMA " + m.group(1));
        }
    }
}
