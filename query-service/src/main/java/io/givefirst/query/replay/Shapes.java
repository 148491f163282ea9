package io.givefirst.query.replay;

import io.givefirst.query.stream.Projection;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps every live read model in the shape its projection's code reads ({@link Projection#shape()}). The shape a
 * live generation was built in is kept in the projection's control document. When query-service starts — before
 * its consumers run — a projection whose live generation is of an older shape is listed here; {@link Rebuilds}
 * rebuilds it once the application is ready, and the old generation answers until the new one is swapped in.
 * A read model no one has consumed into yet is simply recorded in the current shape.
 */
@Component
class Shapes {
    private static final Logger log = LoggerFactory.getLogger(Shapes.class);
    private final List<String> outdated = new ArrayList<>();

    Shapes(List<Projection> projections, RebuildControl control, ConsumerGroupLag groups) {
        for (Projection projection : projections) {
            Integer built = builtIn(control.of(projection.name()), () -> groups.hasCommitted(projection.name()));
            if (built == null) {
                control.recordShape(projection.name(), projection.shape());
            } else if (built < projection.shape()) {
                log.warn("{} was built in shape {}, this version reads shape {}: it will be rebuilt", projection.name(),
                        built, projection.shape());
                outdated.add(projection.name());
            }
        }
    }

    /** Whether a consumer group has committed anything; may fail when the broker does not answer. */
    interface Consumed {
        boolean before() throws Exception;
    }

    /**
     * The shape a projection's live generation was built in, or null when nothing was ever built (nothing live,
     * nothing consumed). A live generation from before shapes were recorded is shape 1; so is one whose history
     * cannot be learnt now (the broker does not answer) — at worst an up-to-date read model is rebuilt once.
     */
    static Integer builtIn(Document control, Consumed consumed) {
        Integer recorded = control.getInteger("shape");
        if (recorded != null) {
            return recorded;
        }
        if (control.getInteger("live", 0) > 0) {
            return 1;
        }
        try {
            return consumed.before() ? 1 : null;
        } catch (Exception e) {
            return 1;
        }
    }

    /** The projections whose live read model is of an older shape than this version reads. */
    List<String> outdated() {
        return List.copyOf(outdated);
    }
}
