package dev.airbag.bench.apps;

import dev.airbag.faultserver.FaultServer;

/**
 * A child of the start-up benchmark: starts a loopback LLM server, builds one client the way its users do, makes one
 * call, and prints {@code ANSWERED} as its first line, so that JVM start to that line is what an app pays before
 * its first answer, agent or not. Prints nothing before; a failed call prints nothing at all.
 *
 * <p>Arguments: {@code WORKLOAD LLM_PORT}, a workload of {@link Workload#named}; the driver writes the agent's config
 * for that port.
 */
public final class FirstCallApp {
  private FirstCallApp() {
  }

  public static void main(String[] args) throws Exception {
    try (FaultServer fault = FaultServer.start(Integer.parseInt(args[1]));
        FaultServer other = FaultServer.start();
        Workload workload = Workload.named(args[0], fault.baseUrl(), other.baseUrl())) {
      workload.call();
      System.out.println("ANSWERED");
    }
  }
}
