package io.learnhook.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.FieldMapping.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Checks a mapping config against sample payloads, in a JUnit test, without a server:
 *
 * <pre>{@code
 * MappingCheck.fromResource("mappings/acme.json")
 *     .on("{\"learner\":{\"email\":\"Ann@acme.test\"},\"course\":{\"id\":1000}}")
 *     .mapsEmail("ann@acme.test")
 *     .maps(Field.SOURCE_ID, "1000")
 *     .mapsNothingTo(Field.SCORE);
 * }</pre>
 *
 * <p>Payloads are read exactly as the endpoint reads them (the same strict parser and pruning), so
 * what a check says is what a webhook records. A failed check says which path was tried and what
 * was found there, step by step.
 */
public final class MappingCheck {
  private static final JsonBodies PARSER = jsonBodies(IngestLimits.defaults());

  private final FieldMapping mapping;

  private MappingCheck(FieldMapping mapping) {
    this.mapping = Objects.requireNonNull(mapping, "mapping");
  }

  /**
   * A check of the mapping in {@code json}.
   *
   * @throws io.learnhook.mapping.MappingException listing every problem, when the mapping is
   *     invalid
   */
  public static MappingCheck of(String json) {
    return new MappingCheck(FieldMapping.parse(json));
  }

  /** A check of an already parsed mapping. */
  public static MappingCheck of(FieldMapping mapping) {
    return new MappingCheck(mapping);
  }

  /** A check of the mapping in a file. */
  public static MappingCheck fromFile(Path file) {
    return of(read(file));
  }

  /**
   * A check of the mapping in a classpath resource ({@code mappings/acme.json}, no leading slash).
   */
  public static MappingCheck fromResource(String resource) {
    return of(resource(resource));
  }

  /** The mapping under check. */
  public FieldMapping mapping() {
    return mapping;
  }

  /**
   * Maps one payload (a JSON object).
   *
   * @throws AssertionFailedError when the payload is not JSON, or is a batch (use {@link #onBatch})
   */
  public MappedPayload on(String payloadJson) {
    List<MappedPayload> payloads = split(payloadJson);
    if (payloads.size() != 1 || batch(payloadJson)) {
      throw new AssertionFailedError(
          "expected one payload, but the mapping reads a batch of "
              + payloads.size()
              + "; use onBatch");
    }
    return payloads.get(0);
  }

  /** Maps the payload in a file. */
  public MappedPayload onFile(Path payload) {
    return on(read(payload));
  }

  /** Maps the payload in a classpath resource. */
  public MappedPayload onResource(String resource) {
    return on(resource(resource));
  }

  /**
   * Maps a batch: a JSON array, or a body whose array the mapping's {@code each} names.
   *
   * @return one result per element, in order
   * @throws AssertionFailedError when the body is not JSON, is not a batch, or its {@code each}
   *     finds no array
   */
  public List<MappedPayload> onBatch(String bodyJson) {
    if (!batch(bodyJson)) {
      throw new AssertionFailedError("expected a batch, but the mapping reads one payload; use on");
    }
    return split(bodyJson);
  }

  private boolean batch(String bodyJson) {
    return splitBody(bodyJson).batch();
  }

  private List<MappedPayload> split(String bodyJson) {
    List<MappedPayload> results = new ArrayList<>();
    for (JsonNode element : splitBody(bodyJson).elements()) {
      results.add(new MappedPayload(mapping, element));
    }
    return results;
  }

  private Payloads splitBody(String bodyJson) {
    JsonNode body;
    try {
      body = PARSER.parse(bodyJson.getBytes(StandardCharsets.UTF_8), mapping);
    } catch (JsonBodies.InvalidBodyException e) {
      throw new AssertionFailedError(
          "the payload is not what the endpoint accepts: " + e.getMessage());
    }
    try {
      return mapping.split(body);
    } catch (io.learnhook.mapping.PayloadException e) {
      throw new AssertionFailedError("the body cannot be split into payloads: " + e.getMessage());
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String resource(String name) {
    String path = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in =
        (loader != null ? loader : MappingCheck.class.getClassLoader()).getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource '" + path + "' on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }

  private static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }
}
