package io.edvt.node.api;

import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One node of fork choice's block tree as {@code /eth/v1/debug/fork_choice} shows it.
 *
 * @param slot the block's slot
 * @param blockRoot the block's root
 * @param parentRoot the parent's root (zero for the anchor)
 * @param justifiedEpoch the justified epoch of the block's post-state
 * @param finalizedEpoch the finalized epoch of the block's post-state
 * @param weight the attesting balance behind the block, in Gwei
 * @param validity {@code valid}, {@code invalid} or {@code optimistic} (the execution payload's status)
 * @param executionBlockHash the block's execution payload hash
 */
public record ForkChoiceNode(UInt64 slot, Bytes32 blockRoot, Bytes32 parentRoot, UInt64 justifiedEpoch,
    UInt64 finalizedEpoch, UInt64 weight, String validity, Bytes32 executionBlockHash) {}
