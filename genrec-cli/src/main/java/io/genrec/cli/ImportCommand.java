package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.server.store.DatasetImporter;
import io.genrec.server.store.Event;
import io.genrec.server.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code genrec import}: bulk-loads a data spec into an event store; loading the same data again stores nothing. */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Load a data spec's interactions and item metadata into an event store (the one 'genrec serve' reads).",
        "Each event gets a key derived from its source, user, item, time and value, so importing the same data twice",
        "stores it once. Prints how many events were stored and how many were already there."})
final class ImportCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "SPEC", description = "Data spec to import (see 'genrec data --help').")
    String data;

    @picocli.CommandLine.Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Option(names = "--type", paramLabel = "TYPE", description = "Event type of every imported event (default: rating when the values vary, else interaction).")
    String type;

    @Option(names = "--source", paramLabel = "NAME", description = {"Name the idempotency keys derive from (default: the data set's name,",
            "e.g. ml-1m). The same data under another source name is stored again."})
    String source;

    @Option(names = "--batch", paramLabel = "N", description = "Events per transaction (default: ${DEFAULT-VALUE}).")
    int batch = 100_000;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @picocli.CommandLine.Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (type != null) checkType(type);
        long t0 = System.nanoTime();
        DataSpecs.LoadedData loaded = DataSpecs.load(data);
        Dataset d = loaded.data();
        double loadSecs = (System.nanoTime() - t0) / 1e9;
        String src = source != null ? source : d.name();
        String eventType = type != null ? type : DatasetImporter.defaultType(d);
        ProgressBar bar = common.quiet ? null : new ProgressBar(System.err);
        long t1 = System.nanoTime();
        // the import runs on this thread (SQLite's native work too): its CPU time says what the wall time means on a
        // shared machine
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        DatasetImporter.Result r;
        String where;
        try (EventStore s = storeOptions.open()) {
            where = s.describe();
            r = DatasetImporter.importInto(s, d, src, eventType, batch,
                    bar == null ? null : (done, total) -> bar.progress("import", done, total, "events"));
        }
        double importSecs = (System.nanoTime() - t1) / 1e9;
        double importCpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        if (format == EvalCommand.Format.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("source", loaded.description());
            doc.put("keySource", src);
            doc.put("store", where);
            doc.put("type", r.type());
            doc.put("read", r.read());
            doc.put("stored", r.stored());
            doc.put("duplicates", r.duplicates());
            doc.put("items", r.items());
            doc.put("loadSeconds", loadSecs);
            doc.put("importSeconds", importSecs);
            doc.put("importCpuSeconds", importCpu);
            System.out.println(ItemListOutput.json(doc));
            return 0;
        }
        System.out.println("source:      " + loaded.description() + " (keys from '" + src + "')");
        System.out.println("store:       " + where);
        System.out.printf(Locale.ROOT, "events:      %,d read, %,d stored, %,d duplicates (type %s)%n", r.read(), r.stored(), r.duplicates(), r.type());
        System.out.printf(Locale.ROOT, "items:       %,d upserted%n", r.items());
        System.out.printf(Locale.ROOT, "time:        %.2f s load, %.2f s import (%,.0f events/s; import thread CPU %.2f s)%n", loadSecs,
                importSecs, r.read() / Math.max(importSecs, 1e-9), importCpu);
        return 0;
    }

    /** Checked before the data is loaded or the store opened, as every event will check it. */
    private static void checkType(String type) {
        try {
            new Event("u", "i", type, null, 0, null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--type '" + type + "': " + e.getMessage(), e);
        }
    }
}
