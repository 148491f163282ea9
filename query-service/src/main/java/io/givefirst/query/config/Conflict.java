package io.givefirst.query.config;

/** A request the current state does not allow; answered 409 with the rule named. */
public class Conflict extends RuntimeException {
    private final String rule;

    public Conflict(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
