package io.genrec.llm.llm;

import io.genrec.config.Params;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to reach an OpenAI-compatible chat endpoint (OpenAI, Ollama's {@code /v1}, LM Studio, vLLM, …).
 * Read from the environment ({@link #fromEnvironment()}) or from model parameters that override it
 * ({@link #fromParams}); absent when neither a base URL nor an API key is given, so GenRec runs without any LLM.
 * {@link #toString()} never shows the key.
 *
 * @param baseUrl        endpoint root including {@code /v1}, e.g. {@code http://localhost:11434/v1}
 * @param apiKey         bearer token; local servers ignore it, so a placeholder is used when only a URL is given
 * @param modelName      model to ask, e.g. {@code gpt-4o-mini} or {@code llama3.2}
 * @param timeout        per-request time limit
 * @param maxRetries     retries after the first attempt for retriable failures (bounded, {@code 0..10})
 * @param initialBackoff wait before the first retry; doubled each retry
 * @param maxBackoff     upper bound of one wait
 */
public record LlmConfig(String baseUrl, String apiKey, String modelName, Duration timeout, int maxRetries,
                        Duration initialBackoff, Duration maxBackoff) {
    public static final String ENV_BASE_URL = "OPENAI_BASE_URL";
    public static final String ENV_API_KEY = "OPENAI_API_KEY";
    public static final String ENV_MODEL = "GENREC_LLM_MODEL";
    public static final String ENV_TIMEOUT = "GENREC_LLM_TIMEOUT_SECONDS";
    public static final String ENV_RETRIES = "GENREC_LLM_MAX_RETRIES";

    /** Parameter keys that override the environment variables of the same meaning. */
    public static final String P_BASE_URL = "llm.baseUrl", P_MODEL = "llm.model", P_TIMEOUT = "llm.timeoutSeconds",
            P_RETRIES = "llm.maxRetries";

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-4o-mini";
    /** Sent when only a base URL is configured: Ollama, LM Studio and vLLM accept any key. */
    public static final String PLACEHOLDER_KEY = "not-needed";
    static final double DEFAULT_TIMEOUT_SECONDS = 30;
    static final int DEFAULT_RETRIES = 2;

    public LlmConfig {
        if (baseUrl == null || baseUrl.isBlank()) throw new IllegalArgumentException("LLM base URL must not be blank");
        if (modelName == null || modelName.isBlank()) throw new IllegalArgumentException("LLM model name must not be blank");
        apiKey = apiKey == null || apiKey.isBlank() ? PLACEHOLDER_KEY : apiKey;
        if (timeout == null || timeout.isZero() || timeout.isNegative())
            throw new IllegalArgumentException("LLM timeout must be positive, got " + timeout);
        if (maxRetries < 0 || maxRetries > 10) throw new IllegalArgumentException("LLM maxRetries must be in 0..10, got " + maxRetries);
        initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(8) : maxBackoff;
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0)
            throw new IllegalArgumentException("LLM back-off must satisfy 0 <= initial <= max, got " + initialBackoff + ", " + maxBackoff);
    }

    /** A configuration for a local endpoint with defaults for everything else (tests, examples). */
    public static LlmConfig of(String baseUrl, String modelName, Duration timeout) {
        return new LlmConfig(baseUrl, null, modelName, timeout, DEFAULT_RETRIES, null, null);
    }

    /** The same configuration with other retry settings. */
    public LlmConfig withRetries(int retries, Duration initial, Duration max) {
        return new LlmConfig(baseUrl, apiKey, modelName, timeout, retries, initial, max);
    }

    /** From the process environment; empty when neither {@value #ENV_BASE_URL} nor {@value #ENV_API_KEY} is set. */
    public static Optional<LlmConfig> fromEnvironment() { return fromMap(System.getenv(), Map.of()); }

    /**
     * From {@code env} (variable name → value) overridden by {@code overrides} (parameter key → value, see the
     * {@code P_*} keys). Empty when no base URL and no API key are given. Bad numbers fail naming the variable.
     */
    public static Optional<LlmConfig> fromMap(Map<String, String> env, Map<String, String> overrides) {
        String url = first(overrides.get(P_BASE_URL), env.get(ENV_BASE_URL));
        String key = blankToNull(env.get(ENV_API_KEY));
        if (url == null && key == null) return Optional.empty();
        String model = first(overrides.get(P_MODEL), env.get(ENV_MODEL));
        double timeoutSeconds = number(P_TIMEOUT, overrides, ENV_TIMEOUT, env, DEFAULT_TIMEOUT_SECONDS);
        double retries = number(P_RETRIES, overrides, ENV_RETRIES, env, DEFAULT_RETRIES);
        if (retries != Math.rint(retries)) throw new IllegalArgumentException(ENV_RETRIES + " / " + P_RETRIES + " must be an integer, got " + retries);
        if (!(timeoutSeconds > 0)) throw new IllegalArgumentException(ENV_TIMEOUT + " / " + P_TIMEOUT + " must be > 0, got " + timeoutSeconds);
        return Optional.of(new LlmConfig(url == null ? DEFAULT_BASE_URL : url, key, model == null ? DEFAULT_MODEL : model,
                Duration.ofMillis(Math.round(timeoutSeconds * 1000)), (int) retries, null, null));
    }

    /**
     * From model parameters ({@code llm.baseUrl}, {@code llm.model}, {@code llm.timeoutSeconds}, {@code llm.maxRetries};
     * every key is marked used) over the process environment. The API key is only ever read from the environment so
     * it never lands in a config file or provenance.
     */
    public static Optional<LlmConfig> fromParams(Params params, Map<String, String> env) {
        Map<String, String> o = new java.util.HashMap<>();
        for (String k : new String[] {P_BASE_URL, P_MODEL, P_TIMEOUT, P_RETRIES}) {
            String v = params.getString(k, null);
            if (v != null) o.put(k, v);
        }
        return fromMap(env, o);
    }

    private static double number(String pKey, Map<String, String> overrides, String envKey, Map<String, String> env, double def) {
        String p = blankToNull(overrides.get(pKey));
        String v = p != null ? p : blankToNull(env.get(envKey));
        if (v == null) return def;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException((p != null ? "parameter '" + pKey + "'" : "environment variable " + envKey)
                    + " = '" + v + "': expected a number");
        }
    }

    private static String first(String a, String b) {
        String x = blankToNull(a);
        return x != null ? x : blankToNull(b);
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.trim(); }

    /** Endpoint and model, for provenance and warnings. */
    public String describe() { return modelName + " at " + baseUrl; }

    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + baseUrl + ", model=" + modelName + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", apiKey=" + (PLACEHOLDER_KEY.equals(apiKey) ? "none" : "***") + "]";
    }
}
