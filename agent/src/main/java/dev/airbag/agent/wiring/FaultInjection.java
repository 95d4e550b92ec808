package dev.airbag.agent.wiring;

import dev.airbag.agent.engine.classify.Classification;
import dev.airbag.agent.engine.classify.Classifier;
import dev.airbag.agent.engine.classify.Observation;
import dev.airbag.agent.engine.endpoint.Provider;
import dev.airbag.agent.telemetry.events.Event;
import dev.airbag.agent.telemetry.events.EventSink;
import dev.airbag.bootstrap.Bridge;
import dev.airbag.bootstrap.BridgeHolder;
import dev.airbag.bootstrap.ReentrancyGuard;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only fault injection, read from the system property {@code airbag-test.fault-injection} (deliberately not a
 * documented configuration key). The hardening tests use it to prove that no failure of Airbag's own reaches the
 * app. Modes: {@code start} (start-up throws), {@code bridge} (every hook throws), {@code classifier} (classifying
 * a failed attempt throws), {@code exporter} (every sink write throws), {@code full} (the engine's bounded
 * structures, event queue, circuits and retry budgets, get room for one entry, behind a slow exporter). Stateless.
 */
public final class FaultInjection {
  public static final String PROPERTY = "airbag-test.fault-injection";

  private FaultInjection() {}

  public static boolean is(String mode) {
    return mode.equals(System.getProperty(PROPERTY));
  }

  /** Room for one entry when the structures are to run out of room, else the normal capacity. */
  static int room(int capacity) {
    return is("full") ? 1 : capacity;
  }

  static Classifier classifier(Classifier real) {
    if (!is("classifier")) {
      return real;
    }
    return new Classifier(null, null) {
      @Override
      public Classification classify(Provider provider, Observation observation) {
        throw new IllegalStateException("fault injected into the classifier");
      }
    };
  }

  /** Sinks that throw ({@code exporter}), or that take 200 ms per batch so that the queue overflows ({@code full}). */
  static List<EventSink> sinks(List<EventSink> real) {
    boolean throwing = is("exporter");
    if (!throwing && !is("full")) {
      return real;
    }
    List<EventSink> faulty = new ArrayList<>();
    for (EventSink sink : real) {
      faulty.add(new EventSink() {
        @Override
        public String name() {
          return sink.name();
        }

        @Override
        public void write(List<Event> batch) throws IOException {
          if (throwing) {
            throw new IllegalStateException("fault injected into event sink '" + sink.name() + "'");
          }
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          sink.write(batch);
        }

        @Override
        public void flush() throws IOException {
          if (!throwing) {
            sink.flush();
          }
        }

        @Override
        public void close() {
          sink.close();
        }
      });
    }
    return faulty;
  }

  /** Swaps in a throwing bridge when requested; call only once the bootstrap classes exist. */
  public static void afterStart() {
    Bridge real = BridgeHolder.get();
    if (is("bridge") && real != null) {
      // Every hook throws; the report of a failed hook still reaches the real bridge, which says it once.
      BridgeHolder.install((Bridge) Proxy.newProxyInstance(FaultInjection.class.getClassLoader(),
          new Class<?>[] {Bridge.class}, (proxy, method, args) -> {
            // Airbag's own work passes the hooks untouched, as with the real bridge.
            if (method.getName().equals("hookFailed") || ReentrancyGuard.isActive()) {
              return method.invoke(real, args);
            }
            throw new IllegalStateException("fault injected into " + method.getName());
          }));
    }
  }
}
