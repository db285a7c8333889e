package io.edvt.node.devnet.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import io.edvt.infrastructure.unsigned.UInt256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.execution.json.EngineHex;
import io.edvt.node.execution.json.JsonFieldException;
import io.edvt.spec.datastructures.execution.ExecutionPayloadHeader;
import io.edvt.spec.logic.versions.fulu.GenesisFulu;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * An execution client's block 0 as {@code eth_getBlockByNumber("0x0", false)} returns it, and the
 * {@code latest_execution_payload_header} a genesis state built on it carries, so that the first
 * payload the execution client builds has that header's block as its parent.
 *
 * <p>The execution block and the consensus header name most fields alike ({@code mixHash} is
 * {@code prev_randao}, {@code miner} the fee recipient). The two list roots differ in kind: the
 * block's {@code transactionsRoot} and {@code withdrawalsRoot} are Merkle-Patricia trie roots, the
 * header's are SSZ {@code hash_tree_root}s. A genesis block has neither transactions nor
 * withdrawals, which {@link #parse} checks (both trie roots must be the empty trie's), and the
 * header then carries the SSZ roots of the empty lists. The block must be post-Cancun (it has
 * {@code withdrawalsRoot}, {@code blobGasUsed} and {@code excessBlobGas}): the genesis state is Fulu.
 */
public record ExecutionGenesisBlock(Bytes32 blockHash, Bytes32 parentHash, Bytes feeRecipient, Bytes32 stateRoot,
    Bytes32 receiptsRoot, Bytes logsBloom, Bytes32 prevRandao, UInt64 gasLimit, UInt64 gasUsed, UInt64 timestamp,
    Bytes extraData, UInt256 baseFeePerGas, UInt64 blobGasUsed, UInt64 excessBlobGas) {

  /** {@code keccak256(rlp(""))}: the root of an empty Merkle-Patricia trie. */
  public static final Bytes32 EMPTY_TRIE_ROOT =
      Bytes32.fromHexString("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
  private static final int ADDRESS_SIZE = 20;
  private static final int LOGS_BLOOM_SIZE = 256;
  private static final int MAX_EXTRA_DATA_BYTES = 32;

  /**
   * The block in {@code block} (the JSON-RPC {@code result}).
   *
   * @throws IllegalArgumentException one line naming the field and what is wrong with it, e.g.
   *     {@code block 0: withdrawalsRoot: missing (the execution genesis must be Cancun or later)}
   */
  public static ExecutionGenesisBlock parse(JsonNode block) {
    if (block == null || block.isNull() || block.isMissingNode()) {
      throw new IllegalArgumentException("no block 0 (the answer's result is null)");
    }
    if (!block.isObject()) {
      throw new IllegalArgumentException("block 0: expected a JSON object, got " + abbreviate(block.toString()));
    }
    try {
      UInt64 number = EngineHex.uint64(block.get("number"), "number");
      if (!number.isZero()) {
        throw new IllegalArgumentException("block 0: number is " + number + ", not 0: ask for \"0x0\"");
      }
      for (String post : List.of("withdrawalsRoot", "blobGasUsed", "excessBlobGas")) {
        if (!block.has(post)) {
          throw new IllegalArgumentException("block 0: " + post + ": missing (the execution genesis must have Cancun "
              + "or later from block 0; the consensus genesis is Fulu)");
        }
      }
      JsonNode transactions = block.get("transactions");
      if (transactions != null && transactions.isArray() && !transactions.isEmpty()) {
        throw new IllegalArgumentException("block 0: has " + transactions.size() + " transaction(s); a genesis block has none");
      }
      for (String root : List.of("transactionsRoot", "withdrawalsRoot")) {
        Bytes32 value = Bytes32.wrap(EngineHex.data(block.get(root), root, Bytes32.SIZE));
        if (!value.equals(EMPTY_TRIE_ROOT)) {
          throw new IllegalArgumentException("block 0: " + root + " is " + value + ", not the empty trie's root: a "
              + "genesis block with " + root.replace("Root", "")
              + " cannot be the start of a consensus genesis");
        }
      }
      return new ExecutionGenesisBlock(
          bytes32(block, "hash"), bytes32(block, "parentHash"),
          EngineHex.data(block.get("miner"), "miner", ADDRESS_SIZE), bytes32(block, "stateRoot"),
          bytes32(block, "receiptsRoot"), EngineHex.data(block.get("logsBloom"), "logsBloom", LOGS_BLOOM_SIZE),
          bytes32(block, "mixHash"), EngineHex.uint64(block.get("gasLimit"), "gasLimit"),
          EngineHex.uint64(block.get("gasUsed"), "gasUsed"), EngineHex.uint64(block.get("timestamp"), "timestamp"),
          EngineHex.dataUpTo(block.get("extraData"), "extraData", MAX_EXTRA_DATA_BYTES),
          EngineHex.uint256(block.get("baseFeePerGas"), "baseFeePerGas"),
          EngineHex.uint64(block.get("blobGasUsed"), "blobGasUsed"),
          EngineHex.uint64(block.get("excessBlobGas"), "excessBlobGas"));
    } catch (JsonFieldException e) {
      throw new IllegalArgumentException("block 0: " + e.getMessage(), e);
    }
  }

  /**
   * Why a consensus genesis at {@code genesisTime} (Unix seconds) cannot start on this block, or
   * empty: the first payload's timestamp (the first slot's time) must be after this block's.
   */
  public Optional<String> timingProblem(long genesisTime) {
    if (timestamp.compareTo(UInt64.valueOf(genesisTime)) >= 0) {
      return Optional.of("the execution genesis's timestamp " + timestamp + " is not before the genesis time " + genesisTime
          + ": the first payloads would not be later than their parent (give the execution genesis an earlier timestamp)");
    }
    return Optional.empty();
  }

  /** The {@code latest_execution_payload_header} of a genesis state on this block, in {@code spec}'s schema. */
  public ExecutionPayloadHeader header(SpecFulu spec) {
    // the SSZ roots of the empty lists, as the interop header has them
    ExecutionPayloadHeader interop = new GenesisFulu(spec).executionPayloadHeader(blockHash, timestamp);
    Bytes32 emptyTransactions = interop.transactionsRoot();
    Bytes32 emptyWithdrawals = interop.withdrawalsRoot();
    return ExecutionPayloadHeader.create(spec.schemas().executionPayloadHeader(), parentHash, feeRecipient, stateRoot,
        receiptsRoot, logsBloom, prevRandao, UInt64.ZERO, gasLimit, gasUsed, timestamp, extraData, baseFeePerGas,
        blockHash, emptyTransactions, emptyWithdrawals, blobGasUsed, excessBlobGas);
  }

  private static Bytes32 bytes32(JsonNode block, String field) {
    return Bytes32.wrap(EngineHex.data(block.get(field), field, Bytes32.SIZE));
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
