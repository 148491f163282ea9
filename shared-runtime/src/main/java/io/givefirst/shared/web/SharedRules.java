package io.givefirst.shared.web;

/** The rules both services answer with: a request's form and size, the rate limits, a failure. */
public enum SharedRules implements Rule {
    INVALID_REQUEST(400, "Invalid request",
            "a field or parameter missing, blank, too long, out of range or of the wrong form; `errors` names each field"),
    MALFORMED_REQUEST(400, "Malformed request",
            "the body is not JSON of the request's shape: a field of the wrong type or unknown, absurd nesting or numbers"),
    UNKNOWN_MEMBER(404, "Unknown member", "no member has that id (a command naming another member, a profile query)"),
    BODY_TOO_LARGE(413, "Request body too large",
            "a body over `givefirst.http.max-body-bytes` (64 KiB), refused before it is read, declared or chunked"),
    ADMIN_BODY_TOO_LARGE(413, "Admin request too large", "an admin request body larger than the admin audit keeps of a request"),
    TOO_MANY_REQUESTS(429, "Too many requests",
            "over a rate limit per member and minute (writes, expensive reads); `Retry-After` says when to retry"),
    INTERNAL_ERROR(500, "Internal error", "an unexpected failure (logged); the request may be retried"),
    TEMPORARILY_UNAVAILABLE(503, "Temporarily unavailable",
            "a rate limit cannot be checked (MongoDB away or slower than 2 s): retry the same request after `Retry-After`");

    private final Definition definition;

    SharedRules(int status, String title, String meaning) {
        this.definition = new Definition(status, title, meaning);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
