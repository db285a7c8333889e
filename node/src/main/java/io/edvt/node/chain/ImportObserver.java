package io.edvt.node.chain;

/** Told of every block the {@link BlockImporter} imports, with how long it took from its receipt to the head update. */
@FunctionalInterface
public interface ImportObserver {
  ImportObserver NONE = (source, nanos) -> {};

  /**
   * Called on the chain thread once the block is in fork choice and storage and the head is
   * updated; must not block.
   */
  void imported(BlockSource source, long nanos);
}
