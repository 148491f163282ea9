package io.givefirst.query.config;

/** A query about something the read models do not know; answered 404 with the rule named. */
public class NotFound extends RuntimeException {
    private final String rule;

    public NotFound(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
