package swarmsync.sync;

/**
 * What reverting a receive-only folder's local changes did.
 *
 * @param reverted local changes put back to the global version (edits archived first)
 * @param kept     local changes left as they are, each with a logged reason
 */
public record RevertResult(int reverted, int kept) {}
