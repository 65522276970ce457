package io.genrec.server.service;

import java.util.List;

/** One listed item as the API returns it. */
public record ScoredItem(int rank, String item, String title, List<String> categories, float score) { }
