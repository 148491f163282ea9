package io.givefirst.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The command workload of a lively community, through the HTTP API: 60% help (given, then acknowledged by its
 * receiver), 25% meetings (recorded, then confirmed by the other member), 15% introductions (made, then accepted
 * by both members). Every HTTP request is one command.
 */
final class Ingest {
    private final Api api;
    private final List<String> members;
    final Latencies latencies = new Latencies();
    final AtomicLong commands = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    private volatile String firstRejection;

    Ingest(Api api, List<String> members) {
        this.api = api;
        this.members = members;
    }

    record Call(String member, String path, String body) {
    }

    /** One act of the mix: its first call creates something, the next ones answer it by id. */
    static final class Act {
        private final String idField;
        private final List<Function<String, Call>> steps;
        private String id;
        private int next;

        Act(String idField, List<Function<String, Call>> steps) {
            this.idField = idField;
            this.steps = steps;
        }

        boolean done() {
            return next == steps.size();
        }
    }

    Act nextAct() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int roll = random.nextInt(100);
        String a = pick(random, null, null);
        String b = pick(random, a, null);
        if (roll < 60) {
            return new Act("helpId", List.of(
                    id -> new Call(a, "/help", "{\"receiverId\":\"" + b + "\",\"kind\":\"IDEA\","
                            + "\"summary\":\"Shared a pricing idea over coffee\"}"),
                    id -> new Call(b, "/help/" + id + "/acknowledgement", "{\"thanks\":\"Thank you, it helped\"}")));
        }
        if (roll < 85) {
            return new Act("meetingId", List.of(
                    id -> new Call(a, "/meetings", "{\"withMemberId\":\"" + b + "\",\"context\":\"Founders breakfast\"}"),
                    id -> new Call(b, "/meetings/" + id + "/confirmation", null)));
        }
        String c = pick(random, a, b);
        return new Act("introductionId", List.of(
                id -> new Call(a, "/introductions", "{\"firstMemberId\":\"" + b + "\",\"secondMemberId\":\"" + c
                        + "\",\"reason\":\"Both work on battery storage\"}"),
                id -> new Call(b, "/introductions/" + id + "/acceptance", null),
                id -> new Call(c, "/introductions/" + id + "/acceptance", null)));
    }

    private String pick(ThreadLocalRandom random, String not1, String not2) {
        while (true) {
            String member = members.get(random.nextInt(members.size()));
            if (!member.equals(not1) && !member.equals(not2)) {
                return member;
            }
        }
    }

    /** Runs the act's next call; false if the platform refused it (the act is then abandoned). */
    boolean step(Act act, long startNanos) {
        Call call = act.steps.get(act.next).apply(act.id);
        Api.Reply reply = api.command(call.member(), call.path(), call.body());
        latencies.recordSince(startNanos);
        commands.incrementAndGet();
        if (!reply.ok()) {
            rejected.incrementAndGet();
            if (firstRejection == null) {
                firstRejection = call.path() + " → " + reply.status() + " " + reply.body();
            }
            act.next = act.steps.size();
            return false;
        }
        if (act.next == 0) {
            act.id = reply.field(act.idField);
        }
        act.next++;
        return true;
    }

    /** Saturation: {@code users} members act back to back, each waiting for every answer. */
    void closedLoop(int users, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    Act act = nextAct();
                    while (!act.done() && step(act, System.nanoTime())) {
                        // the act's next call follows its answer
                    }
                }
            }, "ingest-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** A fixed offered load of {@code rate} commands/s: a started act's next call goes first, else a new act. */
    void openLoop(double rate, Duration duration) {
        ConcurrentLinkedQueue<Act> answering = new ConcurrentLinkedQueue<>();
        OpenLoop.run(rate, duration, 256, intended -> {
            Act act = answering.poll();
            if (act == null) {
                act = nextAct();
            }
            if (step(act, intended) && !act.done()) {
                answering.add(act);
            }
        });
    }

    String firstRejection() {
        return firstRejection;
    }
}
