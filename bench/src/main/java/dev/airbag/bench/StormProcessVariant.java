package dev.airbag.bench;

/**
 * The three ways the processes part of the storm runs its instances: the SDK alone, Airbag in each instance at its
 * defaults, and Airbag as a fleet (its instances sharing circuits and retry budgets through a real Redis).
 */
enum StormProcessVariant {
  SDK("sdk", "the SDK alone", false, false),
  AIRBAG("airbag", "Airbag, defaults, each instance alone", true, false),
  FLEET("airbag-fleet", "Airbag, defaults, a fleet (real Redis)", true, true);

  final String id;
  final String label;
  final boolean agent;
  final boolean fleet;

  StormProcessVariant(String id, String label, boolean agent, boolean fleet) {
    this.id = id;
    this.label = label;
    this.agent = agent;
    this.fleet = fleet;
  }
}
