package io.givefirst.command.consistency;

import io.givefirst.shared.consistency.ConsistencyToken;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Which events an HTTP request's commands stored, for its {@link ConsistencyToken}. A command sent while a request
 * runs is tagged with the request (metadata {@value #REQUEST}, never copied onto events); when a unit of work that
 * handles such a command commits — on whichever thread, a conflict retry included — the aggregate and sequence
 * number of each event it stored are added to that request's positions. {@link ConsistencyHeader} answers them.
 */
@Component
public class WrittenPositions implements MessageDispatchInterceptor<CommandMessage<?>> {
    static final String REQUEST = "givefirst-consistency-request";
    private static final String ATTRIBUTE = WrittenPositions.class.getName();
    private final Map<String, Map<String, Long>> byRequest = new ConcurrentHashMap<>();

    public WrittenPositions(EventStore eventStore) {
        eventStore.subscribe(this::stored);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return (index, command) -> command; // not sent for an HTTP request (an event handler's command)
        }
        String key = (String) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (key == null) {
            String created = UUID.randomUUID().toString();
            byRequest.put(created, new ConcurrentHashMap<>());
            request.setAttribute(ATTRIBUTE, created, RequestAttributes.SCOPE_REQUEST);
            request.registerDestructionCallback(ATTRIBUTE, () -> byRequest.remove(created), RequestAttributes.SCOPE_REQUEST);
            key = created;
        }
        String tag = key;
        return (index, command) -> command.andMetaData(Map.of(REQUEST, tag));
    }

    /** What the current request's commands have stored so far (empty outside a request, or before any commit). */
    public ConsistencyToken ofCurrentRequest() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object key = request == null ? null : request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        Map<String, Long> positions = key == null ? null : byRequest.get(key);
        return new ConsistencyToken(positions == null ? Map.of() : positions);
    }

    private void stored(List<? extends EventMessage<?>> events) {
        CurrentUnitOfWork.ifStarted(work -> {
            Object key = work.root().getMessage().getMetaData().get(REQUEST);
            Map<String, Long> positions = key == null ? null : byRequest.get(key);
            if (positions == null) {
                return;
            }
            List<DomainEventMessage<?>> domainEvents = events.stream()
                    .filter(DomainEventMessage.class::isInstance).<DomainEventMessage<?>>map(DomainEventMessage.class::cast)
                    .toList();
            work.afterCommit(committed -> domainEvents.forEach(event ->
                    positions.merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max)));
        });
    }
}
