package io.learnhook.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.learnhook.mapping.FieldMapping;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Parses request bodies strictly: one JSON value, no duplicate keys (two parsers could read
 * different values from them), no trailing content, exact decimals, bounded nesting. The endpoint
 * parses every body with it; tools that preview a mapping ({@code learnhook.jar map}) use it to
 * read payloads the same way.
 */
public final class JsonBodies {
  private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '[^']*'");

  private final ObjectMapper mapper;
  private final int maxNestingDepth;
  private final int maxStringLength;
  private final int maxNumberLength;

  /**
   * A parser enforcing these limits (those of {@code IngestLimits}, passed one by one so that this
   * package does not depend on the use case's).
   */
  public JsonBodies(int maxNestingDepth, int maxStringLength, int maxNumberLength) {
    this.maxNestingDepth = maxNestingDepth;
    this.maxStringLength = maxStringLength;
    this.maxNumberLength = maxNumberLength;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxNestingDepth)
                    .maxNumberLength(maxNumberLength)
                    .maxStringLength(maxStringLength)
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
    } catch (StreamConstraintsException e) {
      throw overLimit(e);
    } catch (JsonProcessingException e) {
      throw new InvalidBodyException("Body is not valid JSON: " + describe(e));
    } catch (IOException e) {
      throw new InvalidBodyException("Body could not be read as JSON");
    }
  }

  /**
   * The body as {@code mapping} reads it: only the parts its paths can reach are built (see {@link
   * FieldMapping#readBody}); the whole body is still checked as strictly as by {@link
   * #parse(byte[])}.
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
    } catch (StreamConstraintsException e) {
      throw overLimit(e);
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
          "Body is not valid JSON: malformed UTF-8 at byte "
              + malformed
              + " (JSON text must be UTF-8)");
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
    return at == null
        ? reason
        : reason + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /**
   * A read constraint met, in words that name the {@link IngestLimits} component to raise.
   * Jackson's own message names its getter; which one tells the limit.
   */
  private InvalidBodyException overLimit(StreamConstraintsException e) {
    String reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    JsonLocation at = e.getLocation();
    String where =
        at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    if (reason.contains("getMaxStringLength")) {
      return new InvalidBodyException(
          "A string in the body is longer than the limit of "
              + maxStringLength
              + " characters (IngestLimits.maxStringLength)"
              + where,
          true);
    }
    if (reason.contains("getMaxNumberLength")) {
      return new InvalidBodyException(
          "A number in the body is longer than the limit of "
              + maxNumberLength
              + " characters (IngestLimits.maxNumberLength)"
              + where,
          true);
    }
    if (reason.contains("getMaxNestingDepth")) {
      return new InvalidBodyException(
          "Body is not valid JSON: its nesting depth is over the limit of "
              + maxNestingDepth
              + " (IngestLimits.maxNestingDepth)"
              + where,
          false);
    }
    return new InvalidBodyException("Body is not valid JSON: " + describe(e), false);
  }

  /** The body is not one valid JSON value, or holds a value longer than a limit. */
  public static final class InvalidBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean valueTooLong;

    InvalidBodyException(String message) {
      this(message, false);
    }

    InvalidBodyException(String message, boolean valueTooLong) {
      super(message, null, false, false);
      this.valueTooLong = valueTooLong;
    }

    /**
     * Whether the body is valid JSON but holds a string or number longer than {@link
     * io.learnhook.ingest.IngestLimits#maxStringLength()} or {@link
     * io.learnhook.ingest.IngestLimits#maxNumberLength()} (unprocessable), rather than not being
     * valid JSON (malformed).
     */
    public boolean valueTooLong() {
      return valueTooLong;
    }
  }
}
