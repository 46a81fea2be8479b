/**
 * Port mapping on the default gateway: our own small PCP (RFC 6887), NAT-PMP (RFC 6886) and
 * UPnP IGD clients behind the {@code PortMapper} interface, and the {@code MappingRenewer} that
 * picks the first that works, renews its lease and removes it on shutdown. Imports util only.
 */
package swarmsync.nat;
