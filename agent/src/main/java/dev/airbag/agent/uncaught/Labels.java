package dev.airbag.agent.uncaught;

/** Labels per fingerprint, from a person or a model. Implementations are thread-safe. */
public interface Labels {
  /** The label of this fingerprint, or null when it has none. */
  Verdict labelFor(String fingerprint);

  /** No labels at all. */
  Labels NONE = fingerprint -> null;
}
