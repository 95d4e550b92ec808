package dev.airbag.agent.engine.fallback;

import dev.airbag.agent.engine.classify.Category;
import dev.airbag.agent.engine.classify.Classification;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which model to try after another has failed: the configured chain ({@code gpt-4o → gpt-4o-mini}) for the
 * categories in {@code airbag.fallback.on}, and a separate larger-context model for {@code context_length}.
 * Immutable and thread-safe.
 */
public final class FallbackPolicy {
  // The same content fails on every model, or the failure is the caller's: another model cannot help.
  private static final Set<Category> NEVER = EnumSet.of(Category.CONTENT_POLICY, Category.AUTH, Category.BAD_REQUEST,
      Category.UNKNOWN);

  private final Map<String, List<String>> chains;
  private final Map<String, String> contextLength;
  private final Set<Category> on;

  public FallbackPolicy(Map<String, List<String>> chains, Map<String, String> contextLength, Set<Category> on) {
    this.chains = Collections.unmodifiableMap(new LinkedHashMap<>(chains));
    this.contextLength = Collections.unmodifiableMap(new LinkedHashMap<>(contextLength));
    EnumSet<Category> allowed = on.isEmpty() ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(on);
    allowed.removeAll(NEVER);
    this.on = Collections.unmodifiableSet(allowed);
  }

  public static FallbackPolicy none() {
    return new FallbackPolicy(Map.of(), Map.of(), Set.of());
  }

  /** True when some fallback is configured for this model, so its body is worth reading. */
  public boolean hasFallbackFor(String model) {
    return model != null && (chains.containsKey(model) || contextLength.containsKey(model));
  }

  /**
   * True when a circuit-open or overload of this model moves a call to another model: a chain exists and opening its
   * circuit is one of {@code airbag.fallback.on}.
   */
  public boolean hasChainFor(String model) {
    return model != null && on.contains(Category.CIRCUIT_OPEN) && !chainAfter(model).isEmpty();
  }

  /** True when any model has a fallback configured. */
  public boolean hasAnyFallback() {
    return !chains.isEmpty() || !contextLength.isEmpty();
  }

  /** The models to try after {@code primary}, in order; empty when none is configured. */
  public List<String> chainAfter(String primary) {
    List<String> chain = primary == null ? null : chains.get(primary);
    return chain == null ? List.of() : chain;
  }

  /**
   * The model to move to after {@code failed} failed with {@code failure}, or null to stop. {@code remaining} is
   * what is left of the chain; a context-length failure jumps to the larger-context model instead.
   */
  public String next(String failed, Classification failure, List<String> remaining) {
    Category category = failure.category();
    if (category == Category.CONTEXT_LENGTH) {
      return contextLength.get(failed);
    }
    if (!on.contains(category) || remaining.isEmpty()) {
      return null;
    }
    return remaining.get(0);
  }

  /** The categories that move a call to the next model. */
  public Set<Category> on() {
    return on;
  }

  /** Every model of every chain, for describing the configuration. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    chains.forEach((model, chain) -> lines.add(model + " → " + String.join(" → ", chain)));
    contextLength.forEach((model, bigger) -> lines.add(model + " → " + bigger + " (context length)"));
    return lines;
  }
}
