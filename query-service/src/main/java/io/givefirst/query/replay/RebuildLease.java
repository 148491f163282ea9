package io.givefirst.query.replay;

/** The rebuild's hold on its projection, across every instance ({@link RebuildControl}). */
interface RebuildLease {
    /** Renews it when a third of it has passed since the last renewal; false when it was cancelled or taken over. */
    boolean renewIfDue();

    /** Makes the generation live (or keeps it as a snapshot); false when the lease was lost first. */
    boolean finish();

    /** Whether every instance now writes the live stream to this generation (asked at most twice a second). */
    boolean servedEverywhere();

    /** The old generation can go: drop it and free the lease. */
    void completed();

    /** Lost before it finished: remove what it built. */
    void lost();

    void failed(String error);
}
