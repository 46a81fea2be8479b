package swarmsync.discovery;

import swarmsync.record.DeviceId;

/**
 * What discovery tells others about this node.
 *
 * @param deviceId this device's id
 * @param port     the TCP port peers connect to (the external one when a port is mapped)
 */
public record LocalNode(DeviceId deviceId, int port) {}
