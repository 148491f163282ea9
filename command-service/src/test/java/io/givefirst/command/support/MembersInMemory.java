package io.givefirst.command.support;

import io.givefirst.command.member.Members;
import io.givefirst.events.member.MemberErasedEvent;
import io.givefirst.events.member.MemberJoinedEvent;
import io.givefirst.events.member.MemberLeftEvent;
import io.givefirst.events.member.NeedPostedEvent;
import io.givefirst.events.member.NeedResolvedEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link Members} from memory, fed the same events as {@code MemberDirectory} and answering alike — an event older
 * than the last one applied to the same member or need changes nothing ({@code DirectoriesContractTest} holds the
 * two to the same answers).
 */
public final class MembersInMemory implements Members {
    private record Flag(long sequence, boolean on, String memberId) {
    }

    private final Map<String, Flag> active = new HashMap<>();
    private final Map<String, Flag> needs = new HashMap<>();

    public void on(MemberJoinedEvent event, long sequence) {
        set(active, event.memberId(), new Flag(sequence, true, event.memberId()));
    }

    public void on(MemberLeftEvent event, long sequence) {
        set(active, event.memberId(), new Flag(sequence, false, event.memberId()));
    }

    public void on(MemberErasedEvent event, long sequence) {
        set(active, event.memberId(), new Flag(sequence, false, event.memberId()));
    }

    public void on(NeedPostedEvent event, long sequence) {
        set(needs, event.needId(), new Flag(sequence, true, event.memberId()));
    }

    public void on(NeedResolvedEvent event, long sequence) {
        set(needs, event.needId(), new Flag(sequence, false, event.memberId()));
    }

    private static void set(Map<String, Flag> flags, String id, Flag flag) {
        flags.merge(id, flag, (before, now) -> now.sequence() > before.sequence() ? now : before);
    }

    @Override
    public boolean exists(String memberId) {
        return active.containsKey(memberId);
    }

    @Override
    public boolean isActive(String memberId) {
        return active.containsKey(memberId) && active.get(memberId).on();
    }

    @Override
    public boolean hasOpenNeed(String memberId, String needId) {
        Flag need = needs.get(needId);
        return need != null && need.on() && need.memberId().equals(memberId);
    }
}
