package dev.airbag.bench.inprocess.storm;

import java.util.Map;

/**
 * Who stands between the apps and the provider: the SDK alone, or Airbag with its defaults or with the load-shedding
 * opt-in ({@code airbag.retry.budget.exempt-attempts=1}: every retry spends the endpoint's budget), each instance
 * with its own state, as a fleet (the agent's fleet sync every 200 ms over an in-memory store with the Redis
 * scripts' semantics), or sharing one state outright (the bound a fleet approaches, with no sync delay).
 */
enum StormVariant {
  SDK_ALONE("sdk", null, Sharing.NONE),
  AIRBAG("airbag", Map.of(), Sharing.NONE),
  AIRBAG_FLEET("airbag-fleet", Map.of(), Sharing.FLEET),
  AIRBAG_SHARED("airbag-shared", Map.of(), Sharing.ONE_STATE),
  SHEDDING("shedding", Map.of("airbag.retry.budget.exempt-attempts", "1"), Sharing.NONE),
  SHEDDING_FLEET("shedding-fleet", Map.of("airbag.retry.budget.exempt-attempts", "1"), Sharing.FLEET),
  SHEDDING_SHARED("shedding-shared", Map.of("airbag.retry.budget.exempt-attempts", "1"), Sharing.ONE_STATE);

  /** How the instances' circuits and budgets meet. */
  enum Sharing { NONE, FLEET, ONE_STATE }

  final String id;
  /** The settings over the agent's defaults; null without Airbag. */
  final Map<String, String> settings;
  final Sharing sharing;

  StormVariant(String id, Map<String, String> settings, Sharing sharing) {
    this.id = id;
    this.settings = settings;
    this.sharing = sharing;
  }
}
