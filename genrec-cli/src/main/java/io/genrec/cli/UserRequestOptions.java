package io.genrec.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that answer for one user ({@code recommend}, {@code explain}): who, by which model, on which data. */
final class UserRequestOptions {
    @Option(names = "--user", required = true, paramLabel = "ID", description = "External user id as in the data.")
    String user;

    @Option(names = {"--model", "--models"}, paramLabel = "NAME", description = "Model name (default: ${DEFAULT-VALUE}).")
    String model = "ease";

    @Mixin
    DataOptions data;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--format", description = "table or json (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;
}
