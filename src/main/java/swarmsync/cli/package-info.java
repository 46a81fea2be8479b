/**
 * The picocli commands: tables for people, --json for scripts. Talks to the daemon through
 * api.client.
 */
package swarmsync.cli;
