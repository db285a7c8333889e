package io.edvt.node.cli.tools;

import io.edvt.infrastructure.ssz.SszType;

/**
 * A value read from an input, with its SSZ type and the network it was found to belong to.
 *
 * @param type the value's type on that network
 * @param value the value
 * @param network the network and fork whose type read it
 */
record Decoded<T>(SszType<T> type, T value, Network network) {
  byte[] root() {
    return type.hashTreeRoot(value);
  }
}
