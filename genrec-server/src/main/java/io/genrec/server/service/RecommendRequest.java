package io.genrec.server.service;

/**
 * A request for a user's recommendations.
 *
 * @param user        external user id; unknown and brand-new users get a cold-start answer, never an error
 * @param k           list length, 1..{@link RecommendationService#MAX_K}
 * @param model       served model name, or null for the default (or the user's experiment arm)
 * @param excludeSeen leave out items the user already interacted with
 * @param category    keep only items in this category, or null
 */
public record RecommendRequest(String user, int k, String model, boolean excludeSeen, String category) {
    public RecommendRequest {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("'user' must be a non-empty string");
        if (k < 1 || k > RecommendationService.MAX_K)
            throw new IllegalArgumentException("'k' must be between 1 and " + RecommendationService.MAX_K + ", got " + k);
    }
}
