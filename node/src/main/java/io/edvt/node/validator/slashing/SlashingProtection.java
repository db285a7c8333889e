package io.edvt.node.validator.slashing;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EIP-3076 slashing protection for every key the node signs with, one history per public key (a
 * group member's key is protected as its own key, like any other). A signature may be released only
 * after {@link #checkAndRecordBlock} or {@link #checkAndRecordAttestation} answered
 * {@link Decision.Allowed}: by then the record is on disk ({@link RecordLog}), so a SIGKILL at any
 * moment cannot lead to a second, conflicting signature after a restart.
 *
 * <p>Thread-safe: requests are serialised (each pays one sync; {@link #checkAndRecordAttestations}
 * records many keys' attestations with one).
 */
public final class SlashingProtection implements AutoCloseable {
  /** The database file inside a data path. */
  public static final String FILE = "slashing-protection/slashing-protection.db";

  private final RecordLog log;
  private final Map<Bytes48, KeyHistory> histories = new LinkedHashMap<>();

  private SlashingProtection(RecordLog log) {
    this.log = log;
    for (RecordLog.Entry e : log.entries()) {
      apply(e);
    }
  }

  /** The database of {@code dataPath}, created for {@code genesisValidatorsRoot} if absent; refused if it belongs to another network. */
  public static SlashingProtection open(Path dataPath, Bytes32 genesisValidatorsRoot) {
    Path file = dataPath.resolve(FILE);
    RecordLog log = RecordLog.open(file, Optional.of(genesisValidatorsRoot));
    if (!log.genesisValidatorsRoot().equals(genesisValidatorsRoot)) {
      log.close();
      throw new SlashingProtectionException(file, "the database is for genesis validators root "
          + log.genesisValidatorsRoot().toHexString() + ", not this network's " + genesisValidatorsRoot.toHexString());
    }
    return new SlashingProtection(log);
  }

  /** The existing database of {@code dataPath}, whatever its network (for export). */
  public static SlashingProtection openExisting(Path dataPath) {
    return new SlashingProtection(RecordLog.open(dataPath.resolve(FILE), Optional.empty()));
  }

  /** Whether {@code dataPath} holds a database. */
  public static boolean exists(Path dataPath) {
    return Files.exists(dataPath.resolve(FILE));
  }

  public Bytes32 genesisValidatorsRoot() {
    return log.genesisValidatorsRoot();
  }

  public Path file() {
    return log.file();
  }

  /** EIP-3076 block rules for {@code key}; on {@code Allowed} (not a repeat) the block is on disk. */
  public synchronized Decision checkAndRecordBlock(BlsPublicKey key, UInt64 slot, Bytes32 signingRoot) {
    Bytes48 pubkey = key.toBytes();
    Decision decision = history(pubkey).checkBlock(slot, signingRoot);
    if (decision == Decision.SIGN) {
      RecordLog.Entry entry = new RecordLog.Entry(RecordLog.BLOCK, pubkey, slot, UInt64.ZERO, Optional.of(signingRoot));
      log.append(List.of(entry));
      apply(entry);
    }
    return decision;
  }

  /** EIP-3076 attestation rules for {@code key}; on {@code Allowed} (not a repeat) the attestation is on disk. */
  public Decision checkAndRecordAttestation(BlsPublicKey key, UInt64 sourceEpoch, UInt64 targetEpoch, Bytes32 signingRoot) {
    return checkAndRecordAttestations(List.of(new AttestationRequest(key, sourceEpoch, targetEpoch, signingRoot))).get(0);
  }

  /** One attestation to check. */
  public record AttestationRequest(BlsPublicKey key, UInt64 sourceEpoch, UInt64 targetEpoch, Bytes32 signingRoot) {}

  /** Checks each request in order (later ones see earlier ones) and records the allowed ones with one sync. */
  public synchronized List<Decision> checkAndRecordAttestations(List<AttestationRequest> requests) {
    List<Decision> decisions = new ArrayList<>(requests.size());
    List<RecordLog.Entry> toWrite = new ArrayList<>();
    try {
      for (AttestationRequest r : requests) {
        Bytes48 pubkey = r.key().toBytes();
        Decision decision = history(pubkey).checkAttestation(r.sourceEpoch(), r.targetEpoch(), r.signingRoot());
        if (decision == Decision.SIGN) {
          RecordLog.Entry entry = new RecordLog.Entry(RecordLog.ATTESTATION, pubkey, r.sourceEpoch(), r.targetEpoch(), Optional.of(r.signingRoot()));
          apply(entry); // so a later request of the same batch sees it
          toWrite.add(entry);
        }
        decisions.add(decision);
      }
      log.append(toWrite);
    } catch (RuntimeException e) {
      // the in-memory histories may hold records the disk does not: refuse everything from now on
      poisoned = e;
      throw e;
    }
    return decisions;
  }

  private RuntimeException poisoned;

  private KeyHistory history(Bytes48 pubkey) {
    if (poisoned != null) {
      throw new SlashingProtectionException(log.file(), "a write failed earlier; refusing to sign: " + poisoned.getMessage());
    }
    return histories.computeIfAbsent(pubkey, k -> new KeyHistory());
  }

  private void apply(RecordLog.Entry e) {
    KeyHistory history = histories.computeIfAbsent(e.pubkey(), k -> new KeyHistory());
    if (e.kind() == RecordLog.BLOCK) {
      history.add(new SignedBlockRecord(e.a(), e.signingRoot()));
    } else {
      history.add(new SignedAttestationRecord(e.a(), e.b(), e.signingRoot()));
    }
  }

  /**
   * Imports an interchange (either form): its genesis validators root must be this database's; every
   * record is added to its key's history (with one sync), after which the EIP-3076 rules hold
   * against it, including the low watermarks.
   */
  public synchronized void importInterchange(Interchange interchange, Path source) {
    if (!interchange.genesisValidatorsRoot().equals(genesisValidatorsRoot())) {
      throw new SlashingProtectionException(source, "genesis_validators_root " + interchange.genesisValidatorsRoot().toHexString()
          + " is not this database's " + genesisValidatorsRoot().toHexString());
    }
    List<RecordLog.Entry> entries = new ArrayList<>();
    for (Interchange.KeyData key : interchange.data()) {
      for (SignedBlockRecord b : key.signedBlocks()) {
        entries.add(new RecordLog.Entry(RecordLog.BLOCK, key.pubkey(), b.slot(), UInt64.ZERO, b.signingRoot()));
      }
      for (SignedAttestationRecord a : key.signedAttestations()) {
        entries.add(new RecordLog.Entry(RecordLog.ATTESTATION, key.pubkey(), a.sourceEpoch(), a.targetEpoch(), a.signingRoot()));
      }
    }
    history(Bytes48.ZERO); // fails if poisoned
    histories.remove(Bytes48.ZERO);
    log.append(entries);
    entries.forEach(this::apply);
  }

  /**
   * The interchange of everything recorded: {@code complete} lists every message; otherwise the
   * minimal form, per key the highest block slot and one attestation with the highest source and
   * the highest target (with signing roots only where one recorded message has them).
   */
  public synchronized Interchange export(boolean complete) {
    List<Interchange.KeyData> data = new ArrayList<>();
    for (Map.Entry<Bytes48, KeyHistory> e : histories.entrySet()) {
      KeyHistory h = e.getValue();
      if (complete) {
        data.add(new Interchange.KeyData(e.getKey(), h.blocks(), h.attestations()));
        continue;
      }
      List<SignedBlockRecord> blocks = h.maxBlock()
          .map(b -> List.of(new SignedBlockRecord(b.slot(), Optional.empty()))).orElse(List.of());
      List<SignedAttestationRecord> attestations = List.of();
      if (!h.attestations().isEmpty()) {
        UInt64 maxSource = UInt64.ZERO;
        UInt64 maxTarget = UInt64.ZERO;
        for (SignedAttestationRecord a : h.attestations()) {
          maxSource = maxSource.max(a.sourceEpoch());
          maxTarget = maxTarget.max(a.targetEpoch());
        }
        attestations = List.of(new SignedAttestationRecord(maxSource, maxTarget, Optional.empty()));
      }
      data.add(new Interchange.KeyData(e.getKey(), blocks, attestations));
    }
    return new Interchange(genesisValidatorsRoot(), data);
  }

  @Override
  public synchronized void close() {
    log.close();
  }
}
