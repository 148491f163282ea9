package io.givefirst.local.infra.costs;

import io.givefirst.local.infra.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every act and every screen of the platform once, through its HTTP APIs, as four members would use them: join,
 * change a profile, post and resolve needs, post and withdraw offers, ask for a card, meet, confirm, follow up,
 * give, receive, acknowledge and dispute help, introduce (accepted, fruitful, declined), leave, retry with an
 * idempotency key; then read every
 * query screen, with filters and cursors, and the admin status. What the tour makes the platform ask of MongoDB
 * is what {@link QueryCostCheck} measures. A tour's members are named by its prefix, so tours do not meet.
 */
public final class PlatformTour {
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    private final Http commands;
    private final Http queries;
    private final Function<String, String> tokens;
    private final String admin;

    /**
     * @param tokens a member's bearer token by member id
     * @param admin  an admin's bearer token
     */
    public PlatformTour(String commandUrl, String queryUrl, Function<String, String> tokens, String admin) {
        this.commands = new Http(commandUrl);
        this.queries = new Http(queryUrl);
        this.tokens = tokens;
        this.admin = admin;
    }

    /** Runs the acts, waits until the read models show them, then reads every screen. */
    public void run(String prefix) {
        String ann = prefix + "ann";
        String ben = prefix + "ben";
        String cat = prefix + "cat";
        String dan = prefix + "dan";
        String need = joinAndAsk(prefix, ann, ben, cat, dan);
        meetAndHelp(ann, ben, cat, dan, need);
        introduce(ann, ben, cat, dan);
        act(dan, "/members/me/leave", null);

        awaitQuery(ann, "/members/" + ann + "/stats", body -> body.contains("\"introductionsFruitful\":1"));
        awaitQuery(dan, "/members/" + dan + "/contributions?kind=INTRODUCTION", body -> body.contains("declined"));
        awaitQuery(ben, "/members/" + ben, body -> body.contains("Feedback on my deck"));
        readEveryScreen(ann, ben, cat, dan);
    }

    /** Four members join; they ask for help and offer it (one need resolved, one offer withdrawn). */
    private String joinAndAsk(String prefix, String ann, String ben, String cat, String dan) {
        for (String member : new String[] {ann, ben, cat, dan}) {
            act(member, "/members", "{\"displayName\":\"" + member + "\",\"headline\":\"On tour\",\"interests\":[\"energy\"]}");
        }
        commands.put("/members/me/profile", tokens.apply(ann), "{\"displayName\":\"Ann\",\"headline\":\"Connector\"}");
        String needRequest = "{\"description\":\"Feedback on my deck\",\"tags\":[\"pitch\"]}";
        Map<String, String> once = Map.of("Idempotency-Key", prefix + "need");
        String need = field(check(commands.post("/members/me/needs", tokens.apply(ben), needRequest, once)), "needId");
        check(commands.post("/members/me/needs", tokens.apply(ben), needRequest, once)); // a retry: the first answer
        act(ann, "/members/me/offers", "{\"description\":\"Deck reviews\",\"tags\":[\"pitch\"]}");
        String resolved = field(act(cat, "/members/me/needs", "{\"description\":\"A lawyer\",\"tags\":[\"legal\"]}"), "needId");
        act(cat, "/members/me/needs/" + resolved + "/resolution", null);
        String offer = field(act(dan, "/members/me/offers", "{\"description\":\"Office space\",\"tags\":[\"space\"]}"), "offerId");
        check(commands.delete("/members/me/offers/" + offer, tokens.apply(dan)));
        return need;
    }

    /** Meetings confirmed and followed up; help given, acknowledged, disputed, and recorded by its receiver. */
    private void meetAndHelp(String ann, String ben, String cat, String dan, String need) {
        String meeting = field(act(ann, "/meetings", "{\"withMemberId\":\"" + ben + "\",\"context\":\"Breakfast\",\"privateNote\":\"Raising\"}"), "meetingId");
        act(ben, "/meetings/" + meeting + "/confirmation", null);
        act(ann, "/meetings/" + meeting + "/follow-ups", "{\"privateNote\":\"Sent the list\"}");
        act(ann, "/members/" + ben + "/card-requests", null);
        String help = field(act(ann, "/help", "{\"receiverId\":\"" + ben + "\",\"kind\":\"FEEDBACK\",\"summary\":\"Slide by slide\",\"answersNeedId\":\"" + need + "\"}"), "helpId");
        act(ben, "/help/" + help + "/acknowledgement", "{\"thanks\":\"Thanks\"}");
        String disputed = field(act(cat, "/help", "{\"receiverId\":\"" + dan + "\",\"kind\":\"IDEA\",\"summary\":\"An idea\"}"), "helpId");
        act(dan, "/help/" + disputed + "/dispute", "{\"reason\":\"Never happened\"}");
        String paidForward = field(act(dan, "/help/received",
                "{\"giverId\":\"" + ann + "\",\"kind\":\"RESOURCE\",\"summary\":\"A contact list\"}"), "helpId");
        act(ann, "/help/" + paidForward + "/confirmation", null);
    }

    /** An introduction accepted by both and followed by a meeting, one declined. */
    private void introduce(String ann, String ben, String cat, String dan) {
        String intro = field(act(ann, "/introductions", "{\"firstMemberId\":\"" + ben + "\",\"secondMemberId\":\"" + cat + "\",\"reason\":\"Batteries and capital\"}"), "introductionId");
        act(ben, "/introductions/" + intro + "/acceptance", null);
        act(cat, "/introductions/" + intro + "/acceptance", null);
        String coffee = field(act(cat, "/meetings", "{\"withMemberId\":\"" + ben + "\",\"context\":\"Coffee\",\"introductionId\":\"" + intro + "\"}"), "meetingId");
        act(ben, "/meetings/" + coffee + "/confirmation", null);
        String declined = field(act(ann, "/introductions", "{\"firstMemberId\":\"" + dan + "\",\"secondMemberId\":\"" + ben + "\",\"reason\":\"Space\"}"), "introductionId");
        act(dan, "/introductions/" + declined + "/decline", null);
    }

    private void readEveryScreen(String ann, String ben, String cat, String dan) {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        query(ann, "/members/" + ben);
        query(ann, "/members/" + ann + "/contributions");
        query(ann, "/members/" + ann + "/contributions?kind=HELP");
        query(ann, "/members/" + ann + "/contributions?role=GIVER");
        query(ann, "/members/" + ann + "/contributions?since=" + hourAgo + "&until=" + Instant.now().plusSeconds(60));
        String next = field(query(ann, "/members/" + ann + "/contributions?limit=2"), "nextCursor");
        query(ann, "/members/" + ann + "/contributions?limit=2&cursor=" + next);
        query(ben, "/members/" + ben + "/stats");
        query(ben, "/members/" + ben + "/connections");
        query(cat, "/members/" + cat + "/introduction-path/" + ann);
        query(ann, "/members/" + ann + "/suggestions");
        query(ann, "/leaderboard?period=P30D");
        query(ann, "/leaderboard?period=ALL&limit=5");
        String feed = field(query(dan, "/feed?limit=3"), "nextCursor");
        query(dan, "/feed?limit=3&cursor=" + feed);
        query(ben, "/members/me/export");
        check(queries.get("/admin/projections", admin));
        // an admin action on each service (nothing is parked, so nothing is retried), and the record of it
        check(commands.post("/admin/relay/dead-letters/retry", admin, null));
        check(queries.post("/admin/dead-letters/retry?projection=member-stats", admin, null));
        check(commands.get("/admin/audit?limit=10", admin));
        check(queries.get("/admin/audit?limit=10", admin));
        act(dan, "/members/me/erasure", null); // last: Dan's texts are unreadable from here on
    }

    private String act(String member, String path, String json) {
        return check(commands.post(path, tokens.apply(member), json));
    }

    private String query(String member, String pathAndQuery) {
        return check(queries.get(pathAndQuery, tokens.apply(member)));
    }

    private void awaitQuery(String member, String pathAndQuery, Predicate<String> shown) {
        Instant deadline = Instant.now().plus(SETTLE);
        while (!shown.test(queries.get(pathAndQuery, tokens.apply(member)).body())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(pathAndQuery + " did not show the tour within " + SETTLE);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String check(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException("no " + name + " in " + json);
    }
}
