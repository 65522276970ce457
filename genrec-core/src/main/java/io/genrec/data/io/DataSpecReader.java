package io.genrec.data.io;

import io.genrec.config.Params;

import java.util.function.Supplier;

/**
 * A data spec kind supplied by another module (found with {@link java.util.ServiceLoader}), for formats whose readers
 * would bring heavy dependencies into the core, e.g. {@code parquet:DIR} from genrec-spark.
 */
public interface DataSpecReader {
    /** The spec kind before the colon, lower case (e.g. {@code parquet}). */
    String kind();

    /** How the spec is written, for the list of known specs (e.g. {@code parquet:DIR}). */
    String usage();

    /**
     * Reads and checks the options now (a typo fails before any loading) and returns what loads the data.
     *
     * @param spec the whole spec, for error messages
     * @param path what follows the colon (null when there is none)
     */
    Supplier<DataSpecs.LoadedData> prepare(String spec, String path, Params options);
}
