package io.edvt.node.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edvt.infrastructure.ssz.PlainForm;
import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The API's JSON form of SSZ values: the consensus-spec-tests plain form ({@link PlainForm}) with
 * one change the beacon-APIs make, integers as decimal strings (a uint64 does not fit a JavaScript
 * number). Bytes and bitfields stay {@code 0x} hex, booleans stay booleans, field names stay the
 * spec's snake_case: the plain form already follows the beacon-APIs there.
 */
public final class ApiJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ApiJson() {}

  /** {@code value} in the API's JSON form. */
  public static JsonNode of(SszContainer value) {
    return fromPlain(value.type().toPlainUnchecked(value));
  }

  /** Any SSZ value of {@code type} in the API's JSON form. */
  public static <T> JsonNode of(SszType<T> type, T value) {
    return fromPlain(type.toPlain(value));
  }

  /** A plain-form tree (maps, lists, BigInteger, Boolean, strings) with integers turned into decimal strings. */
  static JsonNode fromPlain(Object plain) {
    if (plain instanceof Map<?, ?> map) {
      ObjectNode o = NODES.objectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), fromPlain(v)));
      return o;
    }
    if (plain instanceof List<?> list) {
      ArrayNode a = NODES.arrayNode(list.size());
      list.forEach(e -> a.add(fromPlain(e)));
      return a;
    }
    if (plain instanceof BigInteger b) {
      return NODES.textNode(b.toString());
    }
    if (plain instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (plain == null) {
      return NODES.nullNode();
    }
    return NODES.textNode(plain.toString());
  }

  /**
   * Reads a value of {@code type} from its API JSON form.
   *
   * @param what names the value in the error ({@code body[2]})
   * @throws ApiException 400 naming {@code what} and the field that is wrong
   */
  public static <T> T read(JsonNode json, SszType<T> type, String what) {
    try {
      return type.fromPlain(PlainForm.of(json));
    } catch (IllegalArgumentException e) {
      // SszPlainException is one; value constructors throw others (a bad length, an out-of-range number)
      throw ApiException.badRequest(what + " is not a valid " + type.name() + ": " + e.getMessage());
    }
  }

  /** Parses a request body. @throws ApiException 400 if it is not JSON */
  public static JsonNode parse(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ApiException.badRequest("the request body is empty; expected JSON");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
    }
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Any Jackson-annotated value (the rewards reports) as a tree. */
  static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }
}
