package dev.airbag.agent.engine.fallback;

import dev.airbag.agent.engine.body.ModelField;
import dev.airbag.agent.engine.endpoint.Provider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a request names its model, and how to name another one there: the top-level {@code model} of the JSON
 * body for most providers, the deployment in the URL path for Azure ({@code /openai/deployments/{name}/}) and
 * the model in the path for Gemini ({@code /models/{name}:}). Immutable.
 */
public final class ModelLocation {
  /**
   * Longest name taken for a model; a longer one is treated as no model at all. Real names are well under 100
   * chars, and a model name keys a circuit, a metric tag and an event fold, so it must not be a megabyte.
   */
  public static final int MAX_MODEL_CHARS = 256;
  private static final Pattern AZURE = Pattern.compile("(/openai/deployments/)([^/]+)(/)");
  private static final Pattern GEMINI = Pattern.compile("(/models/)([^/:]+)(:)");
  // Bedrock: /model/{modelId}/converse, converse-stream, invoke, invoke-with-response-stream; the id is
  // percent-encoded in the path (anthropic.claude-3-haiku-20240307-v1%3A0).
  private static final Pattern BEDROCK = Pattern.compile("(/model/)([^/]+)(/)");

  private final String model;
  private final ModelField bodyField;
  private final Matcher pathMatch;
  private final String path;
  private final boolean encoded;

  private ModelLocation(String model, ModelField bodyField, String path, Matcher pathMatch, boolean encoded) {
    this.model = model;
    this.encoded = encoded;
    this.bodyField = bodyField;
    this.path = path;
    this.pathMatch = pathMatch;
  }

  /**
   * Finds the model of a request; {@code bodyField} is the body's model field or null. A name longer than
   * {@value #MAX_MODEL_CHARS} chars counts as none. Never null.
   */
  public static ModelLocation of(Provider provider, String path, ModelField bodyField) {
    Pattern pattern = provider == Provider.AZURE_OPENAI ? AZURE : provider == Provider.GEMINI ? GEMINI
        : provider == Provider.BEDROCK ? BEDROCK : null;
    if (pattern != null && path != null) {
      Matcher matcher = pattern.matcher(path);
      if (matcher.find() && matcher.group(2).length() <= MAX_MODEL_CHARS) {
        String model = provider == Provider.BEDROCK ? PathSegments.decode(matcher.group(2)) : matcher.group(2);
        return new ModelLocation(model, null, path, matcher, provider == Provider.BEDROCK);
      }
    }
    if (bodyField != null && bodyField.model().length() <= MAX_MODEL_CHARS) {
      return new ModelLocation(bodyField.model(), bodyField, path, null, false);
    }
    return new ModelLocation(null, null, path, null, false);
  }

  /** The model the request names, or null when it names none Airbag can find. */
  public String model() {
    return model;
  }

  /** True when another model can be put in its place. */
  public boolean rewritable() {
    return bodyField != null || pathMatch != null;
  }

  public boolean inPath() {
    return pathMatch != null;
  }

  /** The body naming {@code newModel}; the original body when the model lives in the path. */
  public byte[] body(byte[] original, String newModel) {
    return bodyField == null ? original : bodyField.rewrite(original, newModel);
  }

  /** The path naming {@code newModel}; the original path when the model lives in the body. */
  public String path(String newModel) {
    if (pathMatch == null) {
      return path;
    }
    String segment = encoded ? PathSegments.encode(newModel) : newModel;
    return path.substring(0, pathMatch.start(2)) + segment + path.substring(pathMatch.end(2));
  }
}
