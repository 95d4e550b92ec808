package dev.airbag.agent.cli;

import dev.airbag.bootstrap.Bridge;
import dev.airbag.bootstrap.BridgeHolder;
import java.lang.reflect.Proxy;

/**
 * Test-only fault injection, read from the system property {@code airbag-test.fault-injection} (deliberately not a
 * documented configuration key): {@code start} makes start-up throw (checked in
 * {@code AirbagAgent}); {@code bridge} replaces the agent bridge with
 * one whose every method throws, as a bug in any hook would. The hardening tests use it to prove that no Airbag
 * failure reaches the app. Stateless.
 */
public final class FaultInjection {
  public static final String PROPERTY = "airbag-test.fault-injection";

  private FaultInjection() {}

  /** Swaps in a throwing bridge when requested; call only once the bootstrap classes exist. */
  public static void afterStart() {
    Bridge real = BridgeHolder.get();
    if ("bridge".equals(System.getProperty(PROPERTY)) && real != null) {
      // Every hook throws; the report of a failed hook still reaches the real bridge, which says it once.
      BridgeHolder.install((Bridge) Proxy.newProxyInstance(FaultInjection.class.getClassLoader(),
          new Class<?>[] {Bridge.class}, (proxy, method, args) -> {
            if (method.getName().equals("hookFailed")) {
              return method.invoke(real, args);
            }
            throw new IllegalStateException("fault injected into " + method.getName());
          }));
    }
  }
}
