/**
 * The home directory layout, configuration records and their atomic store. Imports keys, util.
 */
package swarmsync.config;
