package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.llm.crs.ChatEngine;
import io.genrec.llm.crs.ChatReply;
import io.genrec.llm.crs.ChatSetup;
import io.genrec.llm.crs.CrsSetup;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code genrec chat}: a conversation with the offline conversational recommender. */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Talk about movies you like and get recommendations with reasons, offline.",
                "Liked/disliked movies, genres, years and people are tracked from what you say; items come only from the",
                "catalogue (collaborative model + MiniLM text similarity + attribute fit). With standard input not a",
                "terminal, each input line is one message and each answer is printed in turn (scriptable)."},
        footer = {"", "Examples:", "  genrec chat", "  echo \"I loved The Matrix and Inception, something similar but less violent?\" | genrec chat"})
final class ChatCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SPEC", description = "Catalogue data with titles (default: ${DEFAULT-VALUE}).")
    String data = "ml-latest-small";

    @Option(names = "--model", description = "GenRec model fitted on the data for the collaborative signal (default: ${DEFAULT-VALUE}).")
    String model = "itemknn";

    @Option(names = "--format", description = "table (text) or json (one object per answer line) (default: ${DEFAULT-VALUE}).")
    EvalCommand.Format format = EvalCommand.Format.table;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        DataSpecs.LoadedData loaded = DataSpecs.load(data);
        Dataset d = loaded.given() == null ? loaded.data() : loaded.given().train();
        if (!d.catalog().hasMetadata()) throw new IllegalArgumentException("data '" + data + "' has no item titles to talk about");
        FittedRecommender fitted = CrsSetup.fitCollaborative(d, model, seed);
        ProgressBar bar = new ProgressBar(System.err);
        ChatEngine engine = ChatSetup.build(d, fitted, common.threads, common.quiet ? ProgressListener.NONE : bar);
        bar.finishLine();
        boolean tty = System.console() != null;
        if (tty) System.out.println("Tell me about movies you like (empty line or Ctrl-D to quit).");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String session = null;
        while (true) {
            if (tty) { System.out.print("you> "); System.out.flush(); }
            String line = in.readLine();
            if (line == null || (tty && line.isBlank())) break;
            if (line.isBlank()) continue;
            ChatReply r;
            try { r = engine.reply(session, line); }
            catch (IllegalArgumentException e) { System.err.println("genrec chat: " + e.getMessage()); continue; }
            session = r.session();
            if (format == EvalCommand.Format.json) System.out.println(Json.MAPPER.writeValueAsString(r));
            else {
                System.out.println((tty ? "genrec> " : "") + r.reply());
                int k = 1;
                for (ChatReply.Item it : r.items()) System.out.println("  " + k++ + ". " + it.title() + " [" + it.item() + "]" + (it.reason().isEmpty() ? "" : " - " + it.reason()));
                if (!tty) System.out.println();
            }
            System.out.flush();
        }
        return 0;
    }
}
