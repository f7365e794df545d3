package io.learnhook.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnhook.ingest.IngestLimits;
import io.learnhook.ingest.internal.JsonBodies;
import io.learnhook.mapping.FieldMapping;
import io.learnhook.mapping.FieldMapping.Payloads;
import io.learnhook.mapping.MappedFields;
import io.learnhook.mapping.MappingException;
import io.learnhook.mapping.PayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code learnhook.jar map --mapping MAPPING.json --payload PAYLOAD.json [--explain]}: prints the
 * mapped fields as one JSON object (an array for a batch) and exits 0; exits 1 when the payload
 * lacks a required field, 2 when the mapping or the payload is not valid, with a message on stderr.
 * {@code --payload -} reads the payload from standard input. {@code --explain} prints, per field,
 * the path, the raw value found, each transform's result and the value, or why there is none,
 * whatever the outcome. Runs the same code as the endpoint, so what it prints is what a webhook
 * would record.
 */
final class MapCommand {
  static final int OK = 0;
  static final int MISSING_FIELD = 1;
  static final int INVALID = 2;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;

  MapCommand(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  static final String USAGE =
      "usage: java -jar learnhook.jar map --mapping MAPPING.json --payload PAYLOAD.json|- [--explain]";

  static void help(PrintStream to) {
    to.println(USAGE);
    to.println();
    to.println("Prints what a webhook's field mapping makes of a payload, as the endpoint would.");
    to.println();
    to.println("  --mapping FILE   the mapping (a JSON object)");
    to.println("  --payload FILE   the payload; - reads it from standard input");
    to.println("  --explain        per field: the path, the raw value, each transform's result");
    to.println();
    to.println("Exit codes: 0 mapped; 1 the payload lacks a required field;");
    to.println("2 the mapping or the payload is not valid (the reason on stderr).");
  }

  int run(List<String> args) {
    if (args.contains("--help") || args.contains("-h")) {
      help(out);
      return OK;
    }
    Options options;
    try {
      options = Options.parse(args, List.of("--mapping", "--payload"), List.of("--explain"));
      options.require("--mapping");
      options.require("--payload");
    } catch (IllegalArgumentException e) {
      err.println("map: " + e.getMessage());
      err.println(USAGE);
      return INVALID;
    }
    JsonBodies parser = jsonBodies(IngestLimits.defaults());
    FieldMapping mapping;
    try {
      mapping = FieldMapping.parse(parser.parse(read(options.get("--mapping"))));
    } catch (JsonBodies.InvalidBodyException e) {
      err.println(notJson("the mapping " + options.get("--mapping"), e));
      return INVALID;
    } catch (MappingException e) {
      err.println("map: " + e.getMessage());
      return INVALID;
    } catch (IOException e) {
      err.println("map: cannot read the mapping: " + describe(e));
      return INVALID;
    }
    JsonNode payload;
    try {
      String source = options.get("--payload");
      // Read as the endpoint reads it, so what this prints is what a webhook records.
      payload = parser.parse(source.equals("-") ? in.readAllBytes() : read(source), mapping);
    } catch (JsonBodies.InvalidBodyException e) {
      err.println(notJson("the payload " + options.get("--payload"), e));
      return INVALID;
    } catch (IOException e) {
      err.println("map: cannot read the payload: " + describe(e));
      return INVALID;
    }
    return options.has("--explain") ? explain(mapping, payload) : map(mapping, payload);
  }

  /** Like {@link #map}, but prints how every field was read, even when the payload fails. */
  private int explain(FieldMapping mapping, JsonNode payload) {
    Payloads payloads;
    try {
      payloads = mapping.split(payload);
    } catch (PayloadException e) {
      err.println("map: " + e.getMessage());
      return e.kind() == PayloadException.Kind.MISSING ? MISSING_FIELD : INVALID;
    }
    ArrayNode explained = JSON.createArrayNode();
    int code = OK;
    for (int i = 0; i < payloads.elements().size(); i++) {
      JsonNode element = payloads.elements().get(i);
      ObjectNode entry = explained.addObject();
      try {
        ObjectNode fields = entry.putObject("fields");
        mapping.explain(element).forEach(f -> fields.set(f.field().key(), f.toJson()));
        entry.set("mapped", mapping.apply(element).toJson());
      } catch (PayloadException e) {
        entry.put("error", e.getMessage());
        err.println("map: " + (payloads.batch() ? "element " + i + ": " : "") + e.getMessage());
        int failed = e.kind() == PayloadException.Kind.MISSING ? MISSING_FIELD : INVALID;
        code = Math.max(code, failed);
      }
    }
    out.println(payloads.batch() ? explained.toPrettyString() : explained.get(0).toPrettyString());
    return code;
  }

  private int map(FieldMapping mapping, JsonNode payload) {
    try {
      Payloads payloads = mapping.split(payload);
      List<MappedFields> mapped = new ArrayList<>();
      for (int i = 0; i < payloads.elements().size(); i++) {
        try {
          mapped.add(mapping.apply(payloads.elements().get(i)));
        } catch (PayloadException e) {
          err.println("map: " + (payloads.batch() ? "element " + i + ": " : "") + e.getMessage());
          return e.kind() == PayloadException.Kind.MISSING ? MISSING_FIELD : INVALID;
        }
      }
      if (payloads.batch()) {
        ArrayNode array = JSON.createArrayNode();
        mapped.forEach(fields -> array.add(fields.toJson()));
        out.println(array);
      } else {
        out.println(mapped.get(0).toJson());
      }
      return OK;
    } catch (PayloadException e) {
      err.println("map: " + e.getMessage());
      return e.kind() == PayloadException.Kind.MISSING ? MISSING_FIELD : INVALID;
    }
  }

  private static byte[] read(String file) throws IOException {
    return Files.readAllBytes(Path.of(file));
  }

  private static String describe(IOException e) {
    return e instanceof NoSuchFileException ? "no such file " + e.getMessage() : e.toString();
  }

  private static JsonBodies jsonBodies(IngestLimits limits) {
    return new JsonBodies(
        limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength());
  }

  /**
   * The parser's message about a file: it speaks of "Body", which here is {@code what}, so that the
   * file is named once and "not valid JSON" said once.
   */
  static String notJson(String what, JsonBodies.InvalidBodyException e) {
    String message = e.getMessage();
    String notValid = "Body is not valid JSON: ";
    if (message.startsWith(notValid)) {
      return "map: " + what + " is not valid JSON: " + message.substring(notValid.length());
    }
    if (message.startsWith("Body ")) {
      return "map: " + what + " " + message.substring("Body ".length());
    }
    return "map: " + what + ": " + message;
  }
}
