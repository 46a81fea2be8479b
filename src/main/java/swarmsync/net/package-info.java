/**
 * TLS contexts, the device certificate, dialers and listeners, one connection per device pair. Imports protocol, keys, record, relay, util; never touches disk.
 */
package swarmsync.net;
