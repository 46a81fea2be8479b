/**
 * The relay protocol: codec, client and server. Imports util.
 */
package swarmsync.relay;
