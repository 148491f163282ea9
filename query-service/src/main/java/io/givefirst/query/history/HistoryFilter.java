package io.givefirst.query.history;

import java.time.Instant;

/** Optional narrowing of a history page: act kind (e.g. HELP), the member's role in it, and a time window. */
record HistoryFilter(String kind, String role, Instant since, Instant until) {
}
