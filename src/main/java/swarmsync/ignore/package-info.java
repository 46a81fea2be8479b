/**
 * The .sync/IgnoreList glob language compiled to a matcher. Pure; imports only util.
 */
package swarmsync.ignore;
