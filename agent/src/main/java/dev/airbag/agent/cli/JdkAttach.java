package dev.airbag.agent.cli;

import com.sun.tools.attach.VirtualMachine;

/**
 * The only class that names {@code com.sun.tools.attach} (module {@code jdk.attach}), so that a JVM without that
 * module fails on loading this class alone, which {@link AttachCommand} turns into one line. Stateless.
 */
final class JdkAttach {
  private JdkAttach() {}

  /** Loads the agent jar into JVM {@code pid}; returns that JVM's {@code java.specification.version}. */
  static String loadAgent(String pid, String agentJar, String agentArgs) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(pid);
    try {
      String version = vm.getSystemProperties().getProperty("java.specification.version", "");
      vm.loadAgent(agentJar, agentArgs);
      return version;
    } finally {
      vm.detach();
    }
  }
}
