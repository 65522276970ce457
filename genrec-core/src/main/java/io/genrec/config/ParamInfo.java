package io.genrec.config;

import java.util.List;

/**
 * What {@link ConfigBinder} knows about one key, for listings such as {@code genrec models --params}.
 *
 * @param key          the snake_case key
 * @param type         {@code int}, {@code long}, {@code double}, {@code boolean} or {@code string}
 * @param defaultValue the default as it would be passed on the command line
 * @param range        the accepted range or values in words, empty when anything of the type is accepted
 * @param aliases      deprecated spellings still accepted
 * @param doc          one line of description, may be empty
 */
public record ParamInfo(String key, String type, String defaultValue, String range, List<String> aliases, String doc) {}
