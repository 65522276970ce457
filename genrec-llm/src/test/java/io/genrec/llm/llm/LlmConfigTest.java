package io.genrec.llm.llm;

import io.genrec.config.Params;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LlmConfigTest {
    @Test
    void nothingConfiguredMeansAbsent() {
        assertTrue(LlmConfig.fromMap(Map.of(), Map.of()).isEmpty());
        assertTrue(LlmConfig.fromMap(Map.of(LlmConfig.ENV_MODEL, "llama3.2"), Map.of()).isEmpty(),
                "a model name alone does not say where the endpoint is");
    }

    @Test
    void ollamaStyleUrlWithoutKey() {
        LlmConfig c = LlmConfig.fromMap(Map.of(LlmConfig.ENV_BASE_URL, "http://localhost:11434/v1", LlmConfig.ENV_MODEL, "llama3.2",
                LlmConfig.ENV_TIMEOUT, "2.5", LlmConfig.ENV_RETRIES, "1"), Map.of()).orElseThrow();
        assertEquals("http://localhost:11434/v1", c.baseUrl());
        assertEquals("llama3.2", c.modelName());
        assertEquals(Duration.ofMillis(2500), c.timeout());
        assertEquals(1, c.maxRetries());
        assertEquals(LlmConfig.PLACEHOLDER_KEY, c.apiKey());
    }

    @Test
    void keyAloneMeansOpenAiDefaultsAndKeyIsNeverPrinted() {
        LlmConfig c = LlmConfig.fromMap(Map.of(LlmConfig.ENV_API_KEY, "sk-secret"), Map.of()).orElseThrow();
        assertEquals(LlmConfig.DEFAULT_BASE_URL, c.baseUrl());
        assertEquals(LlmConfig.DEFAULT_MODEL, c.modelName());
        assertFalse(c.toString().contains("sk-secret"));
        assertFalse(c.describe().contains("sk-secret"));
    }

    @Test
    void paramsOverrideEnvironmentAndAreMarkedUsed() {
        Params p = new Params(Map.of(LlmConfig.P_BASE_URL, "http://127.0.0.1:9/v1", LlmConfig.P_MODEL, "m2"), "test");
        LlmConfig c = LlmConfig.fromParams(p, Map.of(LlmConfig.ENV_BASE_URL, "http://other/v1", LlmConfig.ENV_MODEL, "m1")).orElseThrow();
        assertEquals("http://127.0.0.1:9/v1", c.baseUrl());
        assertEquals("m2", c.modelName());
        p.requireAllUsed();
    }

    @Test
    void badNumbersNameTheVariable() {
        var e = assertThrows(IllegalArgumentException.class, () -> LlmConfig.fromMap(
                Map.of(LlmConfig.ENV_BASE_URL, "http://x/v1", LlmConfig.ENV_TIMEOUT, "soon"), Map.of()));
        assertTrue(e.getMessage().contains(LlmConfig.ENV_TIMEOUT) && e.getMessage().contains("soon"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LlmConfig.fromMap(
                Map.of(LlmConfig.ENV_BASE_URL, "http://x/v1", LlmConfig.ENV_RETRIES, "99"), Map.of()));
    }
}
