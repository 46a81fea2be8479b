/**
 * JDK-only helpers: hex, base32, bounded readers, thread factories. Imports nothing of ours.
 */
package swarmsync.util;
