/**
 * Walks a folder, chunks files with FastCDC and hashes chunks; reports what changed. Imports fs,
 * ignore, record, util.
 */
package swarmsync.scan;
