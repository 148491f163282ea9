package io.givefirst.query.replay;

/** The rebuild's hold on its projection, across every instance ({@link RebuildControl}). */
interface RebuildLease {
    /** Renews it; false when it was cancelled or taken over. */
    boolean renew();

    /** Makes the generation live (or keeps it as a snapshot); false when the lease was lost first. */
    boolean finish();

    /** Whether every instance now writes the live stream to this generation. */
    boolean servedEverywhere();

    /** The old generation can go: drop it and free the lease. */
    void completed();

    /** Lost before it finished: remove what it built. */
    void lost();

    void failed(String error);
}
