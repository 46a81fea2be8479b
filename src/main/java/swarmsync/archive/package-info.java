/**
 * Moves replaced and deleted files to .sync/Archive and expires them. Imports fs, util.
 */
package swarmsync.archive;
