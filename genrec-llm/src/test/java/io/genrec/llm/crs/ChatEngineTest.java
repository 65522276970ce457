package io.genrec.llm.crs;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatEngineTest {
    private final CrsCatalog cat = CrsFixtures.catalog();

    private static final class MutableClock extends Clock {
        long millis;
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId z) { return this; }
        @Override public Instant instant() { return Instant.ofEpochMilli(millis); }
    }

    private ChatEngine engine(ChatEngine.Limits limits, Clock clock) {
        float[] pop = new float[cat.size()];
        java.util.Arrays.fill(pop, 1);
        pop[cat.indexOfName("Saving Private Ryan (1998)")] = 50; // the most popular movie is a violent one
        Signals s = new Signals(cat, pop, null, null);
        return new ChatEngine(cat, new StateTracker(cat, pop), new FusionRecommender("hybrid", s, new FusionRecommender.Weights(0.2f, 0, 0, 1.5f, 0, 0)), limits, clock);
    }

    @Test
    void lessViolentRequestGetsGroundedNonViolentItemsWithReasons() {
        ChatReply r = engine(ChatEngine.Limits.DEFAULT, Clock.systemUTC()).reply(null, "I loved The Matrix and Inception, something similar but less violent?");
        assertFalse(r.items().isEmpty());
        assertFalse(r.fallback());
        for (ChatReply.Item it : r.items()) {
            int i = cat.indexOfName(it.title());
            assertTrue(i >= 0, "not a catalogue title: " + it.title());
            assertEquals(cat.get(i).id(), it.item());
            for (String g : StateTracker.VIOLENT) assertFalse(cat.get(i).genres().contains(g), it.title() + " is " + g);
            assertFalse(it.title().startsWith("The Matrix") || it.title().startsWith("Inception"), "re-suggested a liked movie");
            assertFalse(it.reason().isBlank());
        }
        assertTrue(r.reply().contains(r.items().getFirst().title()), r.reply());
    }

    @Test
    void asksWhenItKnowsNothingYet() {
        ChatReply r = engine(ChatEngine.Limits.DEFAULT, Clock.systemUTC()).reply(null, "hello");
        assertTrue(r.items().isEmpty());
        assertTrue(r.reply().contains("?") || r.reply().toLowerCase().contains("tell me"), r.reply());
    }

    @Test
    void sessionsKeepContextAndAreBoundedInNumberTimeAndSize() {
        MutableClock clock = new MutableClock();
        ChatEngine e = engine(new ChatEngine.Limits(2, Duration.ofMinutes(1), 4, 100, 3), clock);
        ChatReply a = e.reply(null, "I like comedies");
        ChatReply a2 = e.reply(a.session(), "and I loved Superbad (2007)");
        assertEquals(a.session(), a2.session());
        assertTrue(a2.items().stream().noneMatch(i -> i.title().equals("Superbad (2007)")), "liked movie re-suggested");
        e.reply(null, "I like horror");
        e.reply(null, "I like war movies");
        assertEquals(2, e.sessions()); // oldest evicted
        assertNotEquals(a.session(), e.reply(a.session(), "more please").session(), "evicted session came back");
        clock.millis += Duration.ofMinutes(2).toMillis();
        e.reply(null, "I like dramas");
        assertEquals(1, e.sessions()); // idle ones expired
        assertThrows(IllegalArgumentException.class, () -> e.reply(null, "x".repeat(101)));
        assertThrows(IllegalArgumentException.class, () -> e.reply(null, " "));
    }
}
