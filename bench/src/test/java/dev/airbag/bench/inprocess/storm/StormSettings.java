package dev.airbag.bench.inprocess.storm;

/**
 * One storm: {@code instances} app instances calling one provider of {@code slots} concurrent requests at
 * {@code load} of its capacity (open loop, Poisson arrivals spread evenly over the instances) for {@code seconds};
 * from {@code dropStartSeconds} to {@code dropEndSeconds} the provider has {@code dropTo} of its slots. A request
 * that finds every slot busy waits in the provider's queue of {@code queueLimit} (0: no queue), or is turned away
 * with 529 after {@code rejectSeconds}. The app gives each request {@code timeoutSeconds} (0: no timeout); the
 * provider serves a request whose client has gone all the same.
 */
record StormSettings(int instances, int slots, double meanServiceSeconds, double rejectSeconds, int queueLimit,
    double timeoutSeconds, double load, int seconds, int dropStartSeconds, int dropEndSeconds, double dropTo) {

  StormSettings {
    if (instances < 1 || slots < 1 || meanServiceSeconds <= 0 || rejectSeconds < 0 || queueLimit < 0
        || timeoutSeconds < 0 || load <= 0 || seconds < 1 || dropStartSeconds < 0 || dropEndSeconds < dropStartSeconds
        || dropEndSeconds > seconds || dropTo < 0 || dropTo > 1) {
      throw new IllegalArgumentException("impossible storm: " + this);
    }
  }

  /** The app calls per second of the whole fleet. */
  double callsPerSecond() {
    return load * slots / meanServiceSeconds;
  }

  /** The same storm for another number of instances (the same load in all). */
  StormSettings withInstances(int count) {
    return new StormSettings(count, slots, meanServiceSeconds, rejectSeconds, queueLimit, timeoutSeconds, load,
        seconds, dropStartSeconds, dropEndSeconds, dropTo);
  }
}
