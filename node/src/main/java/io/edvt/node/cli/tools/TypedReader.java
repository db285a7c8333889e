package io.edvt.node.cli.tools;

import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.node.cli.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a value of a named SSZ type ({@code BeaconState}, {@code SignedBeaconBlock}, ...) from SSZ
 * bytes or from its plain form, trying each candidate network: the value is the one every network
 * that reads it agrees on (equal roots; a {@code Checkpoint} is the same on every network). No
 * network reading it, or two reading different values, is an error that names the input, the
 * networks tried and why each refused it.
 */
final class TypedReader {
  private TypedReader() {}

  /** The value of {@code bytes} as a {@code typeName} of one of {@code candidates}; {@code source} names the input. */
  static Decoded<?> decode(String source, byte[] bytes, String typeName, List<Network> candidates) {
    return attempt(typeName, candidates, type -> type.deserialize(bytes)).value(source, typeName, candidates, "decode", "");
  }

  /**
   * As {@link #decode(String, byte[], String, List)} with {@code options}' candidates; when none
   * reads the bytes, the error also says which network ruled out by {@code --fork} or
   * {@code --preset} would have ("it decodes as BeaconState of edvt/minimal").
   */
  static Decoded<?> decode(String source, byte[] bytes, String typeName, NetworkOptions options) {
    Reader reader = type -> type.deserialize(bytes);
    Attempt attempt = attempt(typeName, options.candidates(), reader);
    String instead = "";
    if (attempt.typeKnown() && attempt.read().isEmpty()) {
      for (Network other : options.alternatives()) {
        if (!attempt(typeName, List.of(other), reader).read().isEmpty()) {
          instead = "; it decodes as " + typeName + " of " + other.label();
          break;
        }
      }
    }
    return attempt.value(source, typeName, options.candidates(), "decode", instead);
  }

  /** The value of the plain form {@code plain} (parsed YAML or JSON) as a {@code typeName} of one of {@code candidates}. */
  static Decoded<?> fromPlain(String source, Object plain, String typeName, List<Network> candidates) {
    return attempt(typeName, candidates, type -> type.fromPlain(plain)).value(source, typeName, candidates, "read", "");
  }

  /** Reads a value of {@code type}; throws {@link SszDeserializationException} or {@link SszPlainException} for bad input. */
  @FunctionalInterface
  private interface Reader {
    Object read(SszType<Object> type);
  }

  /**
   * What trying every candidate gave.
   *
   * @param typeKnown whether some candidate has the type
   * @param read the values of the candidates that read the input
   * @param refusals why each other candidate did not ({@code as <network>: <problem>})
   */
  private record Attempt(boolean typeKnown, List<Decoded<?>> read, List<String> refusals) {
    /** The one value, or the error that says why there is none ({@code instead} ends it). */
    Decoded<?> value(String source, String typeName, List<Network> candidates, String verb, String instead) {
      if (!typeKnown) {
        throw new InputException("--type " + typeName + ": not an SSZ type of " + names(candidates) + suggestion(typeName, candidates));
      }
      if (read.isEmpty()) {
        throw new InputException(source + ": not " + typeName + " of " + names(candidates) + " ("
            + String.join("; ", refusals) + ")" + instead);
      }
      Decoded<?> first = read.get(0);
      byte[] root = first.root();
      for (Decoded<?> other : read.subList(1, read.size())) {
        if (!Arrays.equals(root, other.root())) {
          throw new InputException(source + ": " + verb + "s as " + typeName + " of several networks with different values ("
              + String.join(", ", read.stream().map(d -> d.network().label()).toList())
              + "); name one with --fork and --preset or --config");
        }
      }
      return first;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Attempt attempt(String typeName, List<Network> candidates, Reader reader) {
    List<Decoded<?>> read = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    boolean typeKnown = false;
    for (Network network : candidates) {
      SszType<Object> type = (SszType<Object>) network.schemas().typesByName().get(typeName);
      if (type == null) {
        continue;
      }
      typeKnown = true;
      try {
        read.add(new Decoded(type, reader.read(type), network));
      } catch (SszDeserializationException | SszPlainException e) {
        refusals.add("as " + network.label() + ": " + e.getMessage());
      }
    }
    return new Attempt(typeKnown, read, refusals);
  }

  private static String names(List<Network> candidates) {
    List<String> labels = candidates.stream().map(Network::label).toList();
    return labels.size() == 1 ? labels.get(0) : "any of " + String.join(", ", labels);
  }

  /** The type name a letter or two away (or differing in case), or where the names are listed. */
  private static String suggestion(String typeName, List<Network> candidates) {
    TreeSet<String> all = new TreeSet<>();
    for (Network network : candidates) {
      Map<String, SszType<?>> types = network.schemas().typesByName();
      all.addAll(types.keySet());
    }
    for (String name : all) {
      if (name.equalsIgnoreCase(typeName) || editDistance(name.toLowerCase(), typeName.toLowerCase()) <= 2) {
        return "; did you mean " + name + "?";
      }
    }
    return "; 'edvt ssz types' lists them";
  }

  /** Levenshtein distance: a misspelt type name is a letter or two away from the right one. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
