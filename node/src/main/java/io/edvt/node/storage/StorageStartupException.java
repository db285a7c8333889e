package io.edvt.node.storage;

import java.nio.file.Path;

/**
 * The node must not start on this database folder: it belongs to another network, has another
 * format version or storage mode, is in use, or is not (or no longer) a database of ours. The
 * message is one line, {@code <folder>: <problem>}, for the command line to print as it is.
 */
public final class StorageStartupException extends RuntimeException {
  private final Path folder;

  public StorageStartupException(Path folder, String problem) {
    super(folder + ": " + problem);
    this.folder = folder;
  }

  public StorageStartupException(Path folder, String problem, Throwable cause) {
    super(folder + ": " + problem, cause);
    this.folder = folder;
  }

  /** The database folder. */
  public Path folder() {
    return folder;
  }
}
