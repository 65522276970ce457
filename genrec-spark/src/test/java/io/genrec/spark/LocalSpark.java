package io.genrec.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all tests of this module (starting Spark costs seconds; the JVM stops it at exit). */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() { }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSessions.start("local[2]", "genrec-spark-test", null);
            session.conf().set("spark.sql.shuffle.partitions", "1"); // tiny test data: fewer tasks, faster tests
        }
        return session;
    }
}
