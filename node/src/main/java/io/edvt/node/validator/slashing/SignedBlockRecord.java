package io.edvt.node.validator.slashing;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/** A block a key signed (EIP-3076 {@code SignedBlock}); the signing root is absent for imported minimal data. */
public record SignedBlockRecord(UInt64 slot, Optional<Bytes32> signingRoot) {}
