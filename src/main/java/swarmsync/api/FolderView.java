package swarmsync.api;

import java.util.List;

/** A shared folder as {@code folder list --json} shows it; never includes the key. */
public record FolderView(String path, String folderId, String keyKind, List<String> peers) {}
