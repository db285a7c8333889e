package io.edvt.node.validator.keys;

import java.nio.file.Path;

/** A keystore found on disk and the file that holds its password. */
public record KeystoreFile(Path keystore, Path password) {}
