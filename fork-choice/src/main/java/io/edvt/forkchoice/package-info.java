/**
 * Fork choice: the store ({@code on_tick}, {@code on_block}, {@code on_attestation},
 * {@code on_attester_slashing}), the proto-array that keeps {@code get_head} incremental, and
 * EDVT's threshold GHOST, under which a group's weight supports a block only when at least
 * {@code m} of its members' latest messages do.
 */
package io.edvt.forkchoice;
