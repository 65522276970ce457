package io.genrec.cli;

import io.genrec.data.Dataset;
import io.genrec.data.io.DataSpecs;
import io.genrec.llm.crs.ChatEngine;
import io.genrec.llm.crs.ChatReply;
import io.genrec.llm.crs.ChatSetup;
import io.genrec.llm.crs.CrsSetup;
import io.genrec.llm.crs.LlmReplies;
import io.genrec.llm.llm.LlmClients;
import io.genrec.llm.llm.LlmConfig;
import io.genrec.model.FittedRecommender;
import io.genrec.model.ProgressListener;
import io.genrec.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
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

    @Option(names = "--agent", description = {"Let the LLM agent answer (tool calls over this catalogue; needs --llm-base-url or " + LlmConfig.ENV_BASE_URL + ").",
            "Without an endpoint, or when the agent fails, the offline recommender answers and the answer is marked as a fallback."})
    boolean useAgent;

    @Option(names = "--llm-replies", description = {"Let the LLM endpoint write each answer's text from the grounded facts (titles, genres, reasons) only;",
            "a reply naming any other movie is rejected and the template answers (marked). Implied by --agent with an endpoint."})
    boolean llmReplies;

    @Option(names = "--agent-steps", paramLabel = "N", description = "Tool calls the agent may make per answer (default: ${DEFAULT-VALUE}).")
    int agentSteps = 6;

    @Mixin
    LlmEndpointOptions llm;

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
        if (agentSteps < 1) throw new IllegalArgumentException("--agent-steps must be >= 1, got " + agentSteps);
        Optional<LlmConfig> endpoint = useAgent || llmReplies ? llm.config() : Optional.empty();
        if (llmReplies && endpoint.isEmpty())
            System.err.println("genrec: warning: --llm-replies without an LLM endpoint (--llm-base-url or " + LlmConfig.ENV_BASE_URL + "): template replies");
        if (useAgent) {
            if (endpoint.isEmpty())
                System.err.println("genrec: warning: --agent without an LLM endpoint (--llm-base-url or " + LlmConfig.ENV_BASE_URL + "): the offline hybrid answers, marked as a fallback");
            else System.err.println("genrec chat: agent on " + endpoint.get().describe());
            engine = engine.withAgent(endpoint.map(LlmClients::create).orElse(null), agentSteps, w -> System.err.println("genrec: warning: " + w));
        }
        if (endpoint.isPresent())
            engine.withReplies(new LlmReplies(LlmClients.create(endpoint.get()), engine.catalog(), engine.tracker(), w -> System.err.println("genrec: warning: " + w)));
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
                if (r.fallback()) System.out.println("  (fallback: the offline hybrid answered, not the LLM agent)");
                if (r.replyBy().startsWith("template (")) System.out.println("  (fallback: the LLM's reply was rejected; template text)");
                int k = 1;
                for (ChatReply.Item it : r.items()) System.out.println("  " + k++ + ". " + it.title() + " [" + it.item() + "]" + (it.reason().isEmpty() ? "" : " - " + it.reason()));
                if (!tty) System.out.println();
            }
            System.out.flush();
        }
        return 0;
    }
}
