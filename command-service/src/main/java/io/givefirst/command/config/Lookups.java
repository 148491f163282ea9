package io.givefirst.command.config;

/**
 * The processing group of the command side's lookups (member directory, introduction directory): a
 * subscribing processor, so they are updated in the unit of work that stores the events, with errors
 * propagated so that a command whose lookup could not be updated is not reported as done.
 */
public final class Lookups {
    public static final String PROCESSING_GROUP = "command-lookups";

    private Lookups() {
    }
}
