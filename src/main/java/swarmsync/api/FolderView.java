package swarmsync.api;

import java.util.List;

/**
 * A shared folder as {@code folder list --json} shows it; never includes the key. {@code paused}:
 * the folder neither scans nor syncs until resumed.
 */
public record FolderView(String path, String folderId, String keyKind, List<String> peers,
    boolean paused) {}
