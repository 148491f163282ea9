package io.givefirst.events.help;

/** What kind of value one member gave another. */
public enum HelpKind {
    IDEA, SUGGESTION, FEEDBACK, INTRODUCTION, RESOURCE, OTHER
}
