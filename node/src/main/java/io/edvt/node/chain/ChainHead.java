package io.edvt.node.chain;

import org.apache.tuweni.bytes.Bytes32;

/** The head block: its root, slot and state root, and whether its payload awaits the engine's verdict. */
public record ChainHead(Bytes32 root, long slot, Bytes32 stateRoot, boolean optimistic) {}
