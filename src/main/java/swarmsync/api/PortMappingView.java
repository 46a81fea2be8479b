package swarmsync.api;

/**
 * The port mapping on the gateway in {@code status --json}: which protocol got it, where peers
 * outside reach us, the seconds left of its lease (null for a permanent mapping), and the
 * external UDP port of the DHT's mapping (null without one).
 */
public record PortMappingView(String protocol, String externalAddress, int externalPort,
    int internalPort, Long leaseSecondsLeft, Integer udpExternalPort) {}
