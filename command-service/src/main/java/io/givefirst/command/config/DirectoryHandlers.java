package io.givefirst.command.config;

import io.givefirst.command.introduction.IntroductionDirectory;
import io.givefirst.command.member.MemberDirectory;
import java.util.List;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

/**
 * The lookups' event handlers (member and introduction directories) outside the unit of work that stores events:
 * for the feed that follows the topic ({@link DirectoryFeed}) and for the repair that reads the store
 * ({@link DirectoryRepair}). Their writes are guarded by sequence numbers ({@link LookupWrites}), so applying an
 * event again, or late, changes nothing.
 */
@Component
class DirectoryHandlers {
    private final List<AnnotationEventHandlerAdapter> lookups;

    DirectoryHandlers(MemberDirectory members, IntroductionDirectory introductions) {
        this.lookups = List.of(new AnnotationEventHandlerAdapter(members), new AnnotationEventHandlerAdapter(introductions));
    }

    /** Whether some lookup keeps events of this payload type. */
    boolean handles(Class<?> payloadType) {
        return lookups.stream().anyMatch(lookup -> lookup.canHandleType(payloadType));
    }

    /** Applies the event to every lookup that keeps it; whether any did. */
    boolean apply(DomainEventMessage<?> event) throws Exception {
        boolean applied = false;
        for (AnnotationEventHandlerAdapter lookup : lookups) {
            if (lookup.canHandle(event)) {
                lookup.handle(event);
                applied = true;
            }
        }
        return applied;
    }
}
