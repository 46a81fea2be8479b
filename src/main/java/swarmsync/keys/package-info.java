/**
 * Folder keys (A, B, E, C strings with checksum), the HKDF tree, discovery ids, the folder's
 * Ed25519 pair and join proofs. Pure: no I/O, no threads; imports only util.
 */
package swarmsync.keys;
