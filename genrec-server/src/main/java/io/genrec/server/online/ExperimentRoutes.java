package io.genrec.server.online;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genrec.server.ApiError;
import io.genrec.server.service.FieldException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.openapi.HttpMethod;
import io.javalin.openapi.OpenApi;
import io.javalin.openapi.OpenApiContent;
import io.javalin.openapi.OpenApiParam;
import io.javalin.openapi.OpenApiRequestBody;
import io.javalin.openapi.OpenApiResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The experiment API, mountable on any Javalin app:
 * <ul>
 *   <li>{@code POST /v1/experiments} (admin): create from the JSON {@link ExperimentConfig#fromJson} reads; 201</li>
 *   <li>{@code GET /v1/experiments}: every experiment with its status</li>
 *   <li>{@code GET /v1/experiments/{id}}: the {@link ExperimentReport}</li>
 *   <li>{@code POST /v1/experiments/{id}/stop} (admin): stop it now</li>
 * </ul>
 * Errors answer in the {@link ApiError} shape: 400 naming the field, 404 for an unknown id, 409 for a conflict,
 * 500 without internals. An experiment's configuration reads and writes snake_case keys (like the other request
 * bodies); reports use the record components' names (like the other answers).
 */
public final class ExperimentRoutes {
    private static final Logger LOG = Logger.getLogger(ExperimentRoutes.class.getName());
    static final ObjectMapper JSON = new ObjectMapper();

    private final ExperimentService svc;
    private final Handler requireAdmin;

    private ExperimentRoutes(ExperimentService svc, Handler requireAdmin) {
        this.svc = svc;
        this.requireAdmin = requireAdmin;
    }

    /**
     * @param requireAdmin runs first on the write routes; it rejects by throwing (e.g. Javalin's
     *                     {@code UnauthorizedResponse}), which propagates to the app's own exception mapping
     */
    public static void register(Javalin app, ExperimentService svc, Handler requireAdmin) {
        ExperimentRoutes r = new ExperimentRoutes(svc, requireAdmin);
        app.post("/v1/experiments", r::create);
        app.get("/v1/experiments", r::list);
        app.get("/v1/experiments/{id}", r::report);
        app.post("/v1/experiments/{id}/stop", r::stop);
    }

    @OpenApi(path = "/v1/experiments", methods = HttpMethod.POST, summary = "Start an A/B test or a team-draft interleaving experiment (admin)",
            requestBody = @OpenApiRequestBody(required = true, content = @OpenApiContent(type = "application/json"),
                    description = "{\"id\":…,\"method\":\"ab\"|\"team-draft-interleaving\",\"arms\":[model names or {\"model\":…,\"weight\":…}], …}"),
            responses = {@OpenApiResponse(status = "201", description = "the experiment with its status"),
                    @OpenApiResponse(status = "400", description = "names the bad field"),
                    @OpenApiResponse(status = "409", description = "an experiment with this id exists")})
    private void create(Context ctx) throws Exception {
        requireAdmin.handle(ctx);
        answer(ctx, 201, () -> {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.body());
            } catch (JsonProcessingException e) {
                throw FieldException.invalid("body", "is not valid JSON: " + e.getOriginalMessage());
            }
            ExperimentConfig c = svc.create(ExperimentConfig.fromJson(body, svc.nowMillis()));
            return summary(svc, c);
        });
    }

    @OpenApi(path = "/v1/experiments", methods = HttpMethod.GET, summary = "Every experiment with its status",
            responses = @OpenApiResponse(status = "200", description = "{\"experiments\":[…]}"))
    private void list(Context ctx) throws Exception {
        answer(ctx, 200, () -> Map.of("experiments", svc.experiments().stream().map(c -> summary(svc, c)).toList()));
    }

    @OpenApi(path = "/v1/experiments/{id}", methods = HttpMethod.GET, summary = "Per-arm metrics of an experiment with confidence intervals",
            pathParams = @OpenApiParam(name = "id", required = true),
            responses = {@OpenApiResponse(status = "200", content = @OpenApiContent(from = ExperimentReport.class)),
                    @OpenApiResponse(status = "404", description = "no such experiment")})
    private void report(Context ctx) throws Exception {
        answer(ctx, 200, () -> svc.report(ctx.pathParam("id")));
    }

    @OpenApi(path = "/v1/experiments/{id}/stop", methods = HttpMethod.POST, summary = "Stop an experiment now (admin)",
            pathParams = @OpenApiParam(name = "id", required = true),
            responses = {@OpenApiResponse(status = "200", description = "the experiment with its status"),
                    @OpenApiResponse(status = "404", description = "no such experiment")})
    private void stop(Context ctx) throws Exception {
        requireAdmin.handle(ctx);
        answer(ctx, 200, () -> summary(svc, svc.stop(ctx.pathParam("id"))));
    }

    private static Map<String, Object> summary(ExperimentService svc, ExperimentConfig c) {
        Map<String, Object> m = new LinkedHashMap<>(c.toJson());
        m.put("status", svc.status(c));
        return m;
    }

    private interface Body {
        Object get() throws Exception;
    }

    private static void answer(Context ctx, int status, Body body) throws JsonProcessingException {
        Object out;
        try {
            out = body.get();
        } catch (FieldException.Invalid e) {
            out = new ApiError(400, e.field(), e.getMessage());
        } catch (NoSuchElementException e) {
            out = new ApiError(404, "id", e.getMessage());
        } catch (ExperimentConflictException e) {
            out = new ApiError(409, "id", e.getMessage());
        } catch (IllegalArgumentException e) {
            out = new ApiError(400, null, e.getMessage());
        } catch (Exception e) {
            // the client gets no internals; the operator gets the stack trace
            LOG.log(Level.SEVERE, "experiment route " + ctx.method() + " " + ctx.path() + " failed", e);
            out = new ApiError(500, null, "internal error; see the server log");
        }
        if (out instanceof ApiError e) {
            ctx.status(e.status());
            out = e.body();
        } else {
            ctx.status(status);
        }
        ctx.contentType("application/json").result(JSON.writeValueAsString(out));
    }
}
