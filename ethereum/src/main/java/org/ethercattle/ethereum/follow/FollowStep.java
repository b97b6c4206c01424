package org.ethercattle.ethereum.follow;

/**
 * What one {@link NodeFollower#step()} did.
 *
 * @param head the store's head block number afterwards
 * @param appended blocks written on top of the previous head
 * @param reorged blocks of the store's old chain that were replaced or dropped (0 when there was no reorg)
 * @param nodeHead the node's head block number as seen at the start of the step
 * @param caughtUp whether the store's chain is now the node's chain as seen at the start of the step (false when
 *     the node changed its chain while the step read it: step again)
 */
public record FollowStep(long head, int appended, int reorged, long nodeHead, boolean caughtUp) {}
