package io.givefirst.command.support;

import io.givefirst.command.introduction.Introductions;
import io.givefirst.events.introduction.IntroductionDeclinedEvent;
import io.givefirst.events.introduction.IntroductionFruitfulEvent;
import io.givefirst.events.introduction.IntroductionMadeEvent;
import io.givefirst.events.introduction.IntroductionOpenedEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Introductions} from memory, fed the same events as {@code IntroductionDirectory} and answering alike
 * ({@code DirectoriesContractTest}): who is introduced never changes, a status only by a newer event.
 */
public final class IntroductionsInMemory implements Introductions {
    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Long> statusSequences = new HashMap<>();

    public void on(IntroductionMadeEvent event, long sequence) {
        Entry known = entries.get(event.introductionId());
        entries.put(event.introductionId(), new Entry(event.introductionId(), event.firstMemberId(),
                event.secondMemberId(), known == null ? Status.PENDING : known.status()));
        setStatus(event.introductionId(), sequence, Status.PENDING);
    }

    public void on(IntroductionOpenedEvent event, long sequence) {
        setStatus(event.introductionId(), sequence, Status.OPEN);
    }

    public void on(IntroductionDeclinedEvent event, long sequence) {
        setStatus(event.introductionId(), sequence, Status.DECLINED);
    }

    public void on(IntroductionFruitfulEvent event, long sequence) {
        setStatus(event.introductionId(), sequence, Status.FRUITFUL);
    }

    private void setStatus(String id, long sequence, Status status) {
        if (statusSequences.getOrDefault(id, -1L) >= sequence) {
            return;
        }
        statusSequences.put(id, sequence);
        Entry known = entries.get(id);
        entries.put(id, known == null ? new Entry(id, null, null, status)
                : new Entry(id, known.firstMemberId(), known.secondMemberId(), status));
    }

    @Override
    public boolean hasPending(String one, String other) {
        return entries.values().stream().anyMatch(entry -> entry.firstMemberId() != null
                && entry.status() == Status.PENDING && entry.introduces(one, other));
    }

    @Override
    public Optional<Entry> find(String introductionId) {
        return Optional.ofNullable(entries.get(introductionId)).filter(entry -> entry.firstMemberId() != null);
    }
}
