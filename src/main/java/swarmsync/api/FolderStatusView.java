package swarmsync.api;

import java.util.List;

/**
 * One folder's figures in the status document (field names become snake_case JSON).
 * {@code locallyChangedFiles}: on a read-only folder, the paths changed, added or deleted here
 * that stay local until reverted (always 0 on a read-write folder).
 */
public record FolderStatusView(
    String path,
    String folderId,
    String keyKind,
    long localFiles,
    long localDirectories,
    long localBytes,
    long needFiles,
    long needBytes,
    List<PeerView> peers,
    boolean inSync,
    String state,
    String error,
    long locallyChangedFiles) {}
