package dev.strata.store;

/**
 * What {@code prune} did. Immutable.
 *
 * @param total objects before pruning
 * @param deleted objects deleted
 * @param bytesFreed bytes of deleted object files
 */
public record PruneReport(int total, int deleted, long bytesFreed) {}
