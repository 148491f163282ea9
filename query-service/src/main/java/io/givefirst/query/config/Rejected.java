package io.givefirst.query.config;

import io.givefirst.shared.web.Rule;

/** A query or admin action refused by a rule; answered with the rule's status and problem. */
public class Rejected extends RuntimeException {
    private final transient Rule rule;

    public Rejected(Rule rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }
}
