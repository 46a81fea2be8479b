/**
 * Encrypted folders: the deterministic encryption of chunks and records that lets an
 * untrusted host (an {@code E} key holder) store, verify and serve a folder it cannot read.
 * Pure: no network, files or SQL.
 */
package swarmsync.crypt;
