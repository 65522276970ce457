package io.genrec.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One hyperparameter of a config record, read and written by {@link ConfigBinder}: the component's key, its range
 * and its accepted values, written once next to the component. A record component without this annotation whose
 * type is itself a record is a nested block (e.g. the training loop's settings) whose keys are flattened into the
 * owner's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Param {
    /** The key in snake_case; empty means the component's name converted to snake_case. */
    String name() default "";

    /** Old spellings still accepted, each with a deprecation warning. */
    String[] aliases() default {};

    /** Inclusive lower bound for numbers. */
    double min() default Double.NEGATIVE_INFINITY;

    /** Inclusive upper bound for numbers. */
    double max() default Double.POSITIVE_INFINITY;

    /** Whether {@link #min()} itself is excluded. */
    boolean minExclusive() default false;

    /** Whether {@link #max()} itself is excluded. */
    boolean maxExclusive() default false;

    /** Accepted string values (case-insensitive, stored as written here); empty means any string. */
    String[] choices() default {};

    /**
     * {@code KEY=VALUE} of a sibling component: this key is accepted only then (an error otherwise, so a setting
     * cannot be silently ignored) and written by {@link ConfigBinder#toParams} only then.
     */
    String when() default "";

    /**
     * Not a user key: the value always comes from the defaults instance the provider passes (e.g. the base model
     * of an LLM re-ranker, chosen by the provider); a key of this name is unknown.
     */
    boolean internal() default false;

    /** One line for {@code genrec models --params}. */
    String doc() default "";
}
