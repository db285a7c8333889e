package io.edvt.node.sync;

import io.edvt.node.chain.BlockImporter;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.ImportResult;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Imports one downloaded batch in slot order and says what it was: all taken, a block the chain
 * refused (the peer served an invalid chain), a first block that does not link to what we hold,
 * or a stop for now (the chain deferred a block). Runs on sync's thread, never an event loop.
 */
final class BatchImport {
  sealed interface Outcome {}

  record Done(int imported) implements Outcome {}

  record Invalid(long slot, String reason) implements Outcome {}

  record DoesNotLink(long slot, String missingRoot) implements Outcome {}

  record Deferred(long slot, String reason) implements Outcome {}

  private BatchImport() {}

  static Outcome run(BlockImporter importer, List<SignedBeaconBlock> blocks) throws InterruptedException {
    int imported = 0;
    for (SignedBeaconBlock block : blocks) {
      long slot = block.message().slot().longValue();
      ImportResult r;
      try {
        r = importer.importBlock(block, BlockSource.RPC).get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        return new Deferred(slot, "import failed: " + e);
      }
      switch (r) {
        case ImportResult.Imported i -> imported++;
        case ImportResult.AlreadyKnown k -> {}
        case ImportResult.UnknownParent u -> {
          return new DoesNotLink(slot, u.missingRoot().toHexString());
        }
        case ImportResult.Invalid i -> {
          return new Invalid(slot, i.rule() + ": " + i.reason());
        }
        case ImportResult.ExecutionInvalid e -> {
          return new Invalid(slot, "execution payload invalid: " + e.reason());
        }
        case ImportResult.Deferred d -> {
          return new Deferred(slot, d.reason());
        }
        case ImportResult.AwaitingColumns a -> {
          return new Deferred(slot, "is_data_available: " + a.missingColumns().size() + " custody columns missing (being fetched)");
        }
      }
    }
    return new Done(imported);
  }
}
