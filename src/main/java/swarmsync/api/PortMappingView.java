package swarmsync.api;

/**
 * The port mapping on the gateway in {@code status --json}: which protocol got it, where peers
 * outside reach us, and the seconds left of its lease (null for a permanent mapping).
 */
public record PortMappingView(String protocol, String externalAddress, int externalPort,
    int internalPort, Long leaseSecondsLeft) {}
