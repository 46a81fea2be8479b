/**
 * Bencode reader and writer (BEP 3). Pure; imports only util.
 */
package swarmsync.bencode;
