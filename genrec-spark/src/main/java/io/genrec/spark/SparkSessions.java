package io.genrec.spark;

import org.apache.spark.sql.SparkSession;

import java.io.File;

/**
 * The one place GenRec starts a {@link SparkSession}: no web UI, the driver on loopback unless told otherwise, few
 * shuffle partitions (GenRec's jobs are small per key), and, for a {@code spark://} master on the same machine, the
 * driver's class path and JVM flags handed to the executors so a standalone cluster started from the Maven-resolved
 * jars runs GenRec code without a shaded jar. On a real cluster use spark-submit with the shaded jar (docs/spark.md).
 */
public final class SparkSessions {
    /**
     * The JVM flags Spark needs on JDK 17+ (Spark's own launcher adds the same list, JavaModuleOptions); the
     * {@code ./genrec} launcher and the test configuration pass them to the driver, this class to the executors.
     */
    public static final String JVM_FLAGS = String.join(" ",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true",
            "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Dai.djl.offline=true");

    private SparkSessions() { }

    /**
     * The active session, or, outside {@code genrec spark} (e.g. {@code genrec eval --models als-mllib}), a
     * {@code local[*]} one in this JVM, announced on stderr as fitted by {@code model}.
     */
    public static SparkSession activeOrLocal(String model) {
        if (SparkSession.getActiveSession().isDefined()) return SparkSession.getActiveSession().get();
        System.err.println("genrec: " + model + ": no Spark session; fitting with a local[*] session in this JVM");
        return start("local[*]", "genrec-" + model, null);
    }

    /**
     * A session on {@code master} ({@code local[2]}, {@code spark://host:port}, {@code yarn}, ...); {@code null} keeps
     * what spark-submit set. {@code executorMemory} (e.g. {@code 2g}) may be null for Spark's default.
     */
    public static SparkSession start(String master, String appName, String executorMemory) {
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "8")
                .config("spark.sql.adaptive.enabled", "true");
        if (master != null) {
            b.master(master);
            if (master.startsWith("local") || master.startsWith("spark://127.") || master.startsWith("spark://localhost")) {
                b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
            if (master.startsWith("spark://") && System.getProperty("genrec.spark.shipClasspath", "true").equals("true")) {
                // Same machine: executors read the driver's jars from their paths (no upload, no shaded jar).
                b.config("spark.executor.extraClassPath", driverClassPath());
                b.config("spark.executor.extraJavaOptions", JVM_FLAGS);
            }
        }
        if (executorMemory != null) b.config("spark.executor.memory", executorMemory);
        return b.getOrCreate();
    }

    private static String driverClassPath() {
        String cp = System.getProperty("java.class.path", "");
        StringBuilder out = new StringBuilder();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.isEmpty()) continue;
            if (!out.isEmpty()) out.append(File.pathSeparator);
            out.append(new File(e).getAbsolutePath());
        }
        return out.toString();
    }
}
