package io.edvt.node.validator.slashing;

import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/** An attestation a key signed (EIP-3076 {@code SignedAttestation}). */
public record SignedAttestationRecord(UInt64 sourceEpoch, UInt64 targetEpoch, Optional<Bytes32> signingRoot) {}
