package io.givefirst.command.rules;

import io.givefirst.shared.web.Rule;

/**
 * A command broke a rule of {@link CommandRules} (or a shared one); {@code detail} explains this occurrence to a
 * person. Nothing was stored. The rule's slug becomes the problem type that clients branch on.
 */
public class RuleViolation extends RuntimeException {
    private final transient Rule rule;

    public RuleViolation(Rule rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    /** The rule's stable slug. */
    public String rule() {
        return rule.slug();
    }

    public Rule broken() {
        return rule;
    }
}
