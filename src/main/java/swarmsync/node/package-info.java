/**
 * The composition root: builds every object and starts and stops services in order. The only
 * package that knows all others.
 */
package swarmsync.node;
