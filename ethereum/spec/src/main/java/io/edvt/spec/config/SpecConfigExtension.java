package io.edvt.spec.config;

import java.util.List;

/**
 * The preset and config keys of a fork built on Fulu outside this module, and where its built-in
 * values are. Its preset keys are read from {@code io/edvt/spec/presets/<preset>/<file>} (the file
 * each key names), its network config keys from {@link #builtInConfigResource} for the built-in
 * networks; a custom network config file may set them, and those it omits take the values of the
 * built-in network of its preset base (see the fork's own documentation).
 */
public interface SpecConfigExtension {

  /** The fork's name, for messages. */
  String name();

  /** Every key the fork adds, in the order they are listed. */
  List<? extends ConfigKey> keys();

  /** The classpath resource with the fork's network config keys for built-in network {@code network}. */
  String builtInConfigResource(String network);
}
