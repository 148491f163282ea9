package io.givefirst.shared.web;

/**
 * An action refused by a rule of a catalogue ({@link SharedRules}, the command service's or the query service's);
 * {@code detail} explains this occurrence to a person. Nothing was changed. Answered with the rule's status and
 * problem ({@link Problems}); the rule's slug is the problem type clients branch on.
 */
public class RuleViolation extends RuntimeException {
    private final transient Rule rule;

    public RuleViolation(Rule rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
