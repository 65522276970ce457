package io.genrec.llm.crs;

import java.util.ArrayList;
import java.util.List;

/**
 * Template answers built only from catalogue facts and the tracked state (offline; nothing is invented): the
 * recommended titles, and per title a reason naming the liked movies it follows from, matched genres or people.
 */
public final class Responses {
    private Responses() { }

    /** A short answer naming {@code items} (catalogue indices), the first with its reason. */
    public static String recommend(CrsCatalog catalog, List<Integer> items, DialogueState state) {
        if (items.isEmpty()) return "I could not find a movie that fits yet. Which movies do you like?";
        StringBuilder b = new StringBuilder("You should watch ").append(catalog.get(items.getFirst()).name());
        String why = reason(catalog, items.getFirst(), state);
        if (!why.isEmpty()) b.append(", ").append(why);
        b.append('.');
        if (items.size() > 1) {
            List<String> more = new ArrayList<>();
            for (int k = 1; k < Math.min(3, items.size()); k++) more.add(catalog.get(items.get(k)).name());
            b.append(" You might also like ").append(String.join(" or ", more)).append('.');
        }
        return b.toString();
    }

    /** Why {@code item} fits: shared genres with the request or the liked movies, people asked for, or its genres. */
    public static String reason(CrsCatalog catalog, int item, DialogueState state) {
        CrsMovie m = catalog.get(item);
        List<String> asked = new ArrayList<>();
        for (String g : state.genres()) if (Signals.hasGenre(m, g)) asked.add(g);
        List<String> people = new ArrayList<>();
        for (String p : state.people()) if (Signals.involves(m, p)) people.add(p);
        List<String> parts = new ArrayList<>();
        if (!asked.isEmpty()) parts.add("a " + String.join(" and ", asked) + " movie as you asked");
        if (!people.isEmpty()) parts.add("with " + String.join(", ", people));
        // name the liked movie whose genres this one shares most, so the reason is true of that movie
        List<String> likedShared = new ArrayList<>();
        int bestLiked = state.liked().isEmpty() ? -1 : state.liked().getFirst();
        for (int l : state.liked()) {
            if (l == item) continue;
            List<String> shared = new ArrayList<>();
            for (String g : catalog.get(l).genres()) if (m.genres().contains(g)) shared.add(g);
            if (shared.size() > likedShared.size()) { likedShared = shared; bestLiked = l; }
        }
        if (bestLiked >= 0) {
            String liked = catalog.get(bestLiked).name();
            parts.add(likedShared.isEmpty() ? "picked for fans of " + liked
                    : "like " + liked + " it is " + String.join(", ", likedShared.subList(0, Math.min(3, likedShared.size()))));
        }
        boolean avoided = false;
        for (String g : state.avoidGenres()) avoided |= Signals.hasGenre(m, g);
        if (!state.avoidGenres().isEmpty() && !avoided) parts.add("and it is not " + String.join("/", state.avoidGenres().subList(0, Math.min(3, state.avoidGenres().size()))));
        if (parts.isEmpty() && !m.genres().isEmpty()) parts.add("a " + String.join(", ", m.genres()) + " movie");
        return String.join(", ", parts);
    }
}
