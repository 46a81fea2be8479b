/**
 * The CLI's client of a running daemon's REST API: finds the daemon through its home and
 * authenticates with the home's API key.
 */
package swarmsync.api.client;
