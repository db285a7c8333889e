package io.edvt.node.api;

import org.apache.tuweni.bytes.Bytes32;

/**
 * A block or state found for a {@code block_id} or {@code state_id}, with what the envelope says of
 * it.
 *
 * @param value the block or state
 * @param blockRoot the block it is (or whose state it is)
 * @param executionOptimistic whether that block was imported optimistically
 * @param finalized whether it is on the canonical chain at or before the finalized checkpoint
 */
public record Resolved<T>(T value, Bytes32 blockRoot, boolean executionOptimistic, boolean finalized) {}
