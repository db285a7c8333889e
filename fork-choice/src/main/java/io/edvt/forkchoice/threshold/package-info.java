/**
 * EDVT's threshold GHOST as proto-array weight: a group's balance supports a block only when at
 * least {@code m} of its {@code n} member keys have latest messages for that block or a
 * descendant. {@link io.edvt.forkchoice.threshold.GroupSupport} turns one group's member votes
 * into its one vote node (the deepest block comparable with every block it supports), {@link io.edvt.forkchoice.threshold.GroupVoteLayer} keeps every
 * group's latest messages and emits per-node deltas when they change.
 */
package io.edvt.forkchoice.threshold;
