package dev.airbag.agent.engine.body;

/**
 * What the engine reads of a JSON request body: its top-level model ({@link ModelField}) and whether it asks for a
 * streamed answer ({@link StreamFlag}), found in one pass of the byte scan. Each call's body is read once: two
 * separate scans (and a byte search for {@code "stream"} before the second) were most of the model's cost per call.
 * Immutable.
 */
public final class BodyFields {
  private static final BodyFields EMPTY = new BodyFields(null, false);

  private final ModelField model;
  private final boolean stream;

  private BodyFields(ModelField model, boolean stream) {
    this.model = model;
    this.stream = stream;
  }

  /** The fields of {@code body}; no model and no stream flag for null, empty or non-object bodies. */
  public static BodyFields read(byte[] body) {
    if (body == null || body.length == 0) {
      return EMPTY;
    }
    int[][] found = TopLevelScan.locateModelAndStream(body);
    if (found == null) {
      // What the scan cannot vouch for goes to the parser.
      return new BodyFields(ModelField.parse(body), StreamFlag.parse(body));
    }
    return new BodyFields(ModelField.at(body, found[0]), StreamFlag.isTrue(body, found[1]));
  }

  /** The top-level string model; null when there is none. */
  public ModelField model() {
    return model;
  }

  /** True for a top-level {@code "stream": true}. */
  public boolean stream() {
    return stream;
  }
}
