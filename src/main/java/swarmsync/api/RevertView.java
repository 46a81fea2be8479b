package swarmsync.api;

/** What {@code folder revert} did: local changes reverted and local changes kept. */
public record RevertView(String path, int reverted, int kept) {}
