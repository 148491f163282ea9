package io.givefirst.command.rules;

/**
 * A command broke a domain rule. {@code rule} is a stable slug (it becomes the problem type that clients
 * branch on); {@code detail} explains this occurrence to a person. Nothing was stored.
 */
public class RuleViolation extends RuntimeException {
    /** How the violation reads to an HTTP client, without tying the domain to HTTP. */
    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT, TOO_MANY }

    private final String rule;
    private final String title;
    private final Kind kind;

    public RuleViolation(Kind kind, String rule, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.rule = rule;
        this.title = title;
    }

    public String rule() {
        return rule;
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }
}
