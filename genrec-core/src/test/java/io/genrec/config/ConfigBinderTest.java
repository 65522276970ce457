package io.genrec.config;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

class ConfigBinderTest {
    record Loop(@Param(min = 1) int epochs, @Param(name = "lr", min = 0, minExclusive = true) double learningRate) {
        Loop { ConfigBinder.check(Loop.class, epochs, learningRate); }
    }

    record ToyConfig(@Param(min = 1, doc = "width") int hiddenDim,
                     @Param(min = 0, max = 1, maxExclusive = true) double dropout,
                     @Param(choices = {"float32", "float64"}) String precision,
                     @Param(aliases = "cgSteps", min = 1) int cgSteps,
                     @Param boolean verbose,
                     @Param(choices = {"uniform", "irgan"}) String negatives,
                     @Param(name = "irgan_dim", min = 1, when = "negatives=irgan") int irganDim,
                     Loop training) {
        ToyConfig {
            ConfigBinder.check(ToyConfig.class, hiddenDim, dropout, precision, cgSteps, verbose, negatives, irganDim, training);
            if (hiddenDim % 2 != 0) throw new IllegalArgumentException("hidden_dim must be even, got " + hiddenDim);
        }

        static final ToyConfig DEFAULTS = new ToyConfig(64, 0.5, "float32", 3, false, "uniform", 32, new Loop(10, 1e-3));
    }

    private final List<String> warned = new ArrayList<>();
    private final Consumer<String> previous = ConfigBinder.warnings(warned::add);

    @AfterEach
    void restore() { ConfigBinder.warnings(previous); }

    private static Params p(Map<String, String> m) { return new Params(m, "--param toy"); }

    @Test
    void noKeysGiveTheDefaults() {
        assertEquals(ToyConfig.DEFAULTS, ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of())));
    }

    @Test
    void keysOverrideDefaultsIncludingNestedBlocks() {
        ToyConfig c = ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("hidden_dim", "8", "lr", "0.01", "epochs", "3",
                "verbose", "yes", "precision", "FLOAT64")));
        assertEquals(8, c.hiddenDim());
        assertEquals(new Loop(3, 0.01), c.training());
        assertTrue(c.verbose());
        assertEquals("float64", c.precision(), "choices are matched case-insensitively and stored as declared");
    }

    @Test
    void typeErrorNamesSourceKeyAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("hidden_dim", "wide"))));
        assertEquals("--param toy: parameter 'hidden_dim' = 'wide': expected an integer", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("verbose", "maybe"))));
        assertTrue(e.getMessage().contains("'verbose' = 'maybe'") && e.getMessage().contains("true or false"), e.getMessage());
    }

    @Test
    void rangeErrorsNameKeyValueAndRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("hidden_dim", "0"))));
        assertEquals("--param toy: parameter 'hidden_dim' = '0': expected >= 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("dropout", "1"))));
        assertTrue(e.getMessage().contains("'dropout' = '1'") && e.getMessage().contains("in [0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("lr", "0"))));
        assertTrue(e.getMessage().contains("'lr' = '0'") && e.getMessage().contains("> 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("dropout", "NaN"))));
        assertTrue(e.getMessage().contains("'dropout' = 'NaN'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("precision", "half"))));
        assertTrue(e.getMessage().contains("'half'") && e.getMessage().contains("one of float32, float64"), e.getMessage());
    }

    @Test
    void crossFieldErrorsOfTheConstructorCarryTheSource() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("hidden_dim", "7"))));
        assertEquals("--param toy: hidden_dim must be even, got 7", e.getMessage());
    }

    @Test
    void directConstructionIsCheckedByTheSameRules() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Loop(0, 0.1));
        assertEquals("loop: parameter 'epochs' must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ToyConfig(64, 0.5, "half", 3, false, "uniform", 32, new Loop(1, 1)));
        assertTrue(e.getMessage().contains("'precision'") && e.getMessage().contains("half"), e.getMessage());
    }

    @Test
    void unknownKeyErrorNamesTheValidKeys() {
        Params params = p(Map.of("hiden_dim", "8"));
        ConfigBinder.bind(ToyConfig.DEFAULTS, params);
        var e = assertThrows(IllegalArgumentException.class, params::requireAllUsed);
        assertTrue(e.getMessage().contains("hiden_dim") && e.getMessage().contains("hidden_dim")
                && e.getMessage().contains("epochs") && e.getMessage().contains("lr"), e.getMessage());
    }

    @Test
    void oldSpellingBindsWithOneDeprecationWarning() {
        Params params = p(Map.of("cgSteps", "5"));
        assertEquals(5, ConfigBinder.bind(ToyConfig.DEFAULTS, params).cgSteps());
        params.requireAllUsed();
        ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("cgSteps", "6")));
        assertEquals(List.of("warning: --param toy: parameter 'cgSteps' is deprecated, use 'cg_steps'"), warned,
                "one line, once per process rather than once per grid point");
        var both = assertThrows(IllegalArgumentException.class,
                () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("cgSteps", "5", "cg_steps", "4"))));
        assertTrue(both.getMessage().contains("cgSteps") && both.getMessage().contains("cg_steps"), both.getMessage());
    }

    @Test
    void conditionalKeyNeedsItsSwitch() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("irgan_dim", "8"))));
        assertTrue(e.getMessage().contains("'irgan_dim' needs negatives=irgan (negatives=uniform)"), e.getMessage());
        ToyConfig c = ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("negatives", "IRGAN", "irgan_dim", "8")));
        assertEquals(8, c.irganDim());
        assertFalse(ConfigBinder.toParams(ToyConfig.DEFAULTS).containsKey("irgan_dim"));
        assertEquals("8", ConfigBinder.toParams(c).get("irgan_dim"));
    }

    @Test
    void roundTripBindToParamsBind() {
        ToyConfig c = ConfigBinder.bind(ToyConfig.DEFAULTS, p(Map.of("hidden_dim", "6", "dropout", "0.25", "epochs", "7",
                "lr", "0.125", "negatives", "irgan", "irgan_dim", "4", "verbose", "true")));
        Map<String, String> m = ConfigBinder.toParams(c);
        assertEquals(List.of("hidden_dim", "dropout", "precision", "cg_steps", "verbose", "negatives", "irgan_dim", "epochs", "lr"),
                List.copyOf(m.keySet()));
        Params again = p(m);
        assertEquals(c, ConfigBinder.bind(ToyConfig.DEFAULTS, again));
        again.requireAllUsed();
    }

    @Test
    void describeListsEveryKeyWithDefaultAndRange() {
        List<ParamInfo> info = ConfigBinder.describe(ToyConfig.DEFAULTS);
        assertEquals(9, info.size());
        assertEquals(new ParamInfo("hidden_dim", "int", "64", ">= 1", List.of(), "width"), info.get(0));
        assertEquals(List.of("cgSteps"), info.get(3).aliases());
        assertEquals(">= 1; only with negatives=irgan", info.get(6).range());
        assertEquals(new ParamInfo("lr", "double", "0.001", "> 0", List.of(), ""), info.get(8));
    }

    record Dims(@Param(min = 1) List<Integer> hiddenDims) {}

    @Test
    void integerListsParseBothSpellingsAndCheckEachEntry() {
        Dims d = new Dims(List.of(600));
        assertEquals(List.of(300, 100), ConfigBinder.bind(d, p(Map.of("hidden_dims", "[300, 100]"))).hiddenDims());
        assertEquals("300,100", ConfigBinder.toParams(new Dims(List.of(300, 100))).get("hidden_dims"));
        assertEquals(List.of(), ConfigBinder.bind(d, p(Map.of("hidden_dims", ""))).hiddenDims());
        var e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(d, p(Map.of("hidden_dims", "300,0"))));
        assertTrue(e.getMessage().contains("'hidden_dims' = '300,0'") && e.getMessage().contains(">= 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfigBinder.bind(d, p(Map.of("hidden_dims", "3x"))));
        assertTrue(e.getMessage().contains("comma-separated integers"), e.getMessage());
    }

    record Ranker(@Param(internal = true) String base, @Param(min = 1) int candidates) {}

    @Test
    void internalComponentsComeFromTheDefaultsAndAreNoKeys() {
        Params params = p(Map.of("base", "ease", "candidates", "5"));
        Ranker r = ConfigBinder.bind(new Ranker("mostpop", 20), params);
        assertEquals(new Ranker("mostpop", 5), r);
        var e = assertThrows(IllegalArgumentException.class, params::requireAllUsed);
        assertTrue(e.getMessage().contains("[base]"), e.getMessage());
        assertEquals(Map.of("candidates", "5"), ConfigBinder.toParams(r));
        assertEquals(List.of("candidates"), ConfigBinder.describe(r).stream().map(ParamInfo::key).toList());
    }

    @Test
    void snakeCaseOfComponentNames() {
        assertEquals("hidden_dim", ConfigBinder.snakeCase("hiddenDim"));
        assertEquals("lambda", ConfigBinder.snakeCase("lambda"));
    }
}
