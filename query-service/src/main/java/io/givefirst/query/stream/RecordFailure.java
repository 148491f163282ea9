package io.givefirst.query.stream;

/**
 * A record of a poll that could not be applied to a projection: which one (its index in the poll) and why. The
 * records before it are applied; the ones after it are not, or not known to be.
 */
public final class RecordFailure extends RuntimeException {
    private final int index;

    public RecordFailure(String projection, int index, Throwable cause) {
        super(projection + ": record " + index + " of the poll could not be applied: " + cause, cause);
        this.index = index;
    }

    public int index() {
        return index;
    }

    public boolean isTransient() {
        return Transience.isTransient(getCause());
    }
}
