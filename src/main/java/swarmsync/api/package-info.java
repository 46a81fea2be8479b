/**
 * The REST API, authentication, metrics and the static web interface served by the daemon.
 */
package swarmsync.api;
