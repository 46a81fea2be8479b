/**
 * Connections between devices: the device certificate, TLS 1.3 contexts, the connection
 * manager that listens, dials and keeps one authenticated connection per device pair.
 *
 * <p>Imports protocol, keys, record, relay and util only; never index, fs or sync: a connection
 * never touches the engine or the disk (the device certificate files aside).
 */
package swarmsync.net;
