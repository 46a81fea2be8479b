/**
 * The immutable vocabulary shared by index, sync and protocol: device ids, file records, chunk
 * references, version vectors. Pure; imports util and keys' id types.
 */
package swarmsync.record;
