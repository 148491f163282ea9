package io.givefirst.query.consistency;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The projections (by name) whose read models a query answers from. A query that sends a {@code Consistency-Token}
 * waits for each of them to have applied it ({@link ReadYourWrites}). On a controller, or on a method (it wins).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadsFrom {
    String[] value();
}
