/**
 * The on-disk index in SQLite: file records of every device, chunk index, peers, invites. The only
 * user of java.sql. Imports record, keys, util.
 */
package swarmsync.index;
