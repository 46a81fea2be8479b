/**
 * The sync engine: needed files, puller, file assembly, conflicts. Imports index, scan, archive,
 * fs, ignore, record, keys, util; never net or protocol.
 */
package swarmsync.sync;
