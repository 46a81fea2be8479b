/**
 * The folder's filesystem behind FolderFs (real, in-memory, fault-injecting), the watcher and the
 * rules for untrusted paths. Imports util only.
 */
package swarmsync.fs;
