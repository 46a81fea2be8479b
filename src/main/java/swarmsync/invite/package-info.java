/**
 * One-time keys: issue, redeem exactly once, expire, revoke. Imports index, keys, util.
 */
package swarmsync.invite;
