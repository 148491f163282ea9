package io.givefirst.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.Document;
import org.junit.jupiter.api.Test;

class ShapesTest {
    private static final Shapes.Consumed NEVER = () -> false;
    private static final Shapes.Consumed ONCE = () -> true;
    private static final Shapes.Consumed BROKER_DOWN = () -> {
        throw new java.util.concurrent.TimeoutException("no broker");
    };

    @Test
    void aRecordedShapeIsTheShape() {
        assertThat(Shapes.builtIn(new Document("live", 3).append("shape", 2), ONCE)).isEqualTo(2);
    }

    @Test
    void aReadModelFromBeforeShapesWereRecordedIsShapeOne() {
        assertThat(Shapes.builtIn(new Document("live", 3), NEVER)).as("rebuilt at least once").isEqualTo(1);
        assertThat(Shapes.builtIn(new Document(), ONCE)).as("consumed into generation 0").isEqualTo(1);
    }

    @Test
    void aReadModelNeverBuiltHasNoShapeYet() {
        assertThat(Shapes.builtIn(new Document(), NEVER)).isNull();
        assertThat(Shapes.builtIn(new Document("live", 0), NEVER)).isNull();
    }

    @Test
    void whenTheBrokerCannotTellItIsTakenAsOldRatherThanMissARebuild() {
        assertThat(Shapes.builtIn(new Document(), BROKER_DOWN)).isEqualTo(1);
    }
}
