/**
 * Port mapping on the gateway: UPnP IGD, NAT-PMP, PCP. Imports util.
 */
package swarmsync.nat;
