package dev.airbag.faultserver;

/**
 * One way to answer a request: shapes the {@link ResponseSpec} that starts as the provider's success answer.
 * Faults compose with {@link #then(Fault)}, so {@code Faults.anthropicOverloaded().then(gzip)} is a gzipped
 * 529. The factories live in {@link Faults}. Implementations must be stateless (a plan hands the same fault to
 * many concurrent requests).
 */
@FunctionalInterface
public interface Fault {
  /** Change {@code response} as this fault requires. */
  void shape(ResponseSpec response);

  /** This fault, then {@code next} on the same response. */
  default Fault then(Fault next) {
    Fault first = this;
    return response -> {
      first.shape(response);
      next.shape(response);
    };
  }
}
