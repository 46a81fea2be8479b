package swarmsync.api;

import java.util.List;

/** The document {@code status --json} prints and {@code GET /rest/status} returns. */
public record StatusView(String deviceId, List<FolderStatusView> folders) {}
