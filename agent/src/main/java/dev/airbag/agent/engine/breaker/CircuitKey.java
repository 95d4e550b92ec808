package dev.airbag.agent.engine.breaker;

import java.util.Objects;

/**
 * What a circuit protects: one endpoint and one model, because a provider often fails one model (an overloaded
 * flagship) while its others serve. Immutable.
 */
public final class CircuitKey {
  /** Shown in place of the model when the request named none that Airbag could read. */
  public static final String UNKNOWN_MODEL = "?";

  private final String endpoint;
  private final String model;

  /**
   * @param endpoint the configured endpoint's name, never null
   * @param model the model the attempt asked for, or null when it is unknown (one circuit for all such calls)
   */
  public CircuitKey(String endpoint, String model) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.model = model;
  }

  public String endpoint() {
    return endpoint;
  }

  /** The model, or null when unknown. */
  public String model() {
    return model;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof CircuitKey)) {
      return false;
    }
    CircuitKey that = (CircuitKey) other;
    return endpoint.equals(that.endpoint) && Objects.equals(model, that.model);
  }

  @Override
  public int hashCode() {
    return 31 * endpoint.hashCode() + Objects.hashCode(model);
  }

  /** {@code endpoint/model}, with {@value #UNKNOWN_MODEL} for an unknown model. */
  @Override
  public String toString() {
    return endpoint + "/" + (model == null ? UNKNOWN_MODEL : model);
  }
}
