package io.givefirst.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable, Java-independent name of an event type on the stream, e.g. {@code givefirst.help.given}.
 * Together with the record's Axon {@code @Revision} it forms the CloudEvents type
 * {@code givefirst.help.given.v1}. Renaming a Java class never changes what analysts see.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {
    /** The name without its version. */
    String value();

    /** What happened, in domain words (for the event catalog). */
    String meaning();

    /** Which request or process emits it (for the event catalog). */
    String emittedWhen();

    /** Earlier revisions still found on the stream, which this record reads (missing fields take defaults). */
    String[] alsoReads() default {};
}
