/**
 * Wire messages, the bounded frame codec and the peer session over streams. Imports keys,
 * record, util; never sockets, never the engine.
 */
package swarmsync.protocol;
