package io.learnhook.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.learnhook.mapping.FieldMapping;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Parses request bodies strictly: one JSON value, no duplicate keys (two parsers could read different
 * values from them), no trailing content, exact decimals, bounded nesting. The endpoint parses every body
 * with it; tools that preview a mapping ({@code learnhook.jar map}) use it to read payloads the same way.
 */
public final class JsonBodies {
  /** Longest number literal accepted; scores and times need a handful of digits. */
  private static final int MAX_NUMBER_LENGTH = 100;

  private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");

  private final ObjectMapper mapper;

  /** A parser enforcing {@code limits}' nesting depth and string length. */
  public JsonBodies(IngestLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxStringLength((int) limits.maxBodyBytes())
                    .build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
  }

  /**
   * The body as a tree.
   *
   * @throws InvalidBodyException saying what is wrong and where, without echoing the body
   */
  public JsonNode parse(byte[] body) throws InvalidBodyException {
    if (body.length == 0) {
      throw new InvalidBodyException("Body is empty; expected a JSON object or array");
    }
    requireWellFormedUtf8(body);
    try (JsonParser parser = mapper.createParser(body)) {
      JsonNode tree = mapper.readTree(parser);
      if (tree == null || tree.isMissingNode()) {
        throw new InvalidBodyException("Body is empty; expected a JSON object or array");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new InvalidBodyException("Body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new InvalidBodyException("Body could not be read as JSON");
    }
  }

  /**
   * The body as {@code mapping} reads it: only the parts its paths can reach are built (see {@link
   * FieldMapping#readBody}); the whole body is still checked as strictly as by {@link #parse(byte[])}.
   *
   * @throws InvalidBodyException saying what is wrong and where, without echoing the body
   */
  public JsonNode parse(byte[] body, FieldMapping mapping) throws InvalidBodyException {
    if (body.length == 0) {
      throw new InvalidBodyException("Body is empty; expected a JSON object or array");
    }
    requireWellFormedUtf8(body);
    try (JsonParser parser = mapper.createParser(body)) {
      if (parser.nextToken() == null) {
        throw new InvalidBodyException("Body is empty; expected a JSON object or array");
      }
      JsonNode tree = mapping.readBody(parser);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidBodyException(
            "Body is not valid JSON: trailing content after the JSON value (line "
                + parser.currentLocation().getLineNr()
                + ", column "
                + parser.currentLocation().getColumnNr()
                + ")");
      }
      return tree;
    } catch (JsonProcessingException e) {
      throw new InvalidBodyException("Body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new InvalidBodyException("Body could not be read as JSON");
    }
  }

  private static void requireWellFormedUtf8(byte[] body) throws InvalidBodyException {
    if (!Utf8.readAsUtf8(body)) {
      return;
    }
    int malformed = Utf8.firstMalformed(body);
    if (malformed >= 0) {
      throw new InvalidBodyException(
          "Body is not valid JSON: malformed UTF-8 at byte " + malformed + " (JSON text must be UTF-8)");
    }
  }

  /** The parser's own reason (not its source excerpt) and the position. */
  private static String describe(JsonProcessingException e) {
    String reason = e.getOriginalMessage();
    if (reason == null || reason.isBlank()) {
      reason = "unparsable";
    }
    // Jackson quotes the unparsable token; a body's text is not echoed back (it may hold a secret).
    reason = UNRECOGNIZED_TOKEN.matcher(reason).replaceAll("Unrecognized token");
    int newline = reason.indexOf('\n');
    if (newline >= 0) {
      reason = reason.substring(0, newline);
    }
    if (reason.length() > 200) {
      reason = reason.substring(0, 200) + "…";
    }
    JsonLocation at = e.getLocation();
    return at == null ? reason : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** The body is not one valid JSON value. */
  public static final class InvalidBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidBodyException(String message) {
      super(message, null, false, false);
    }
  }
}
