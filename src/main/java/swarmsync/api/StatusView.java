package swarmsync.api;

import java.util.List;

/**
 * The document {@code status --json} prints and {@code GET /rest/status} returns; the port
 * mapping is null when there is none (no gateway, none worked, or {@code --no-upnp}).
 */
public record StatusView(String deviceId, List<FolderStatusView> folders,
    PortMappingView portMapping) {
  /** A status with no port mapping. */
  public StatusView(String deviceId, List<FolderStatusView> folders) {
    this(deviceId, folders, null);
  }
}
