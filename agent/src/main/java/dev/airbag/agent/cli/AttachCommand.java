package dev.airbag.agent.cli;

import dev.airbag.agent.launcher.JavaVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code attach PID [config=PATH]}: loads this jar into a running JVM through the Attach API. The config path is
 * made absolute here, because the target resolves relative paths against its own working directory. Stateless.
 */
public final class AttachCommand {
  /** From JDK 21 (JEP 451) a JVM warns on its console when an agent is loaded into it while it runs. */
  private static final int WARNS_ON_DYNAMIC_AGENTS = 21;

  private AttachCommand() {}

  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.size() > 2 || !args.get(0).matches("\\d+")) {
      err.println("usage: java -jar airbag-agent.jar attach PID [config=PATH]");
      return 2;
    }
    Path jar = AgentJar.path();
    if (jar == null) {
      err.println("attach needs the agent jar: run it as java -jar airbag-agent.jar attach PID");
      return 2;
    }
    String pid = args.get(0);
    String agentArgs = agentArguments(args.subList(1, args.size()));
    String targetVersion;
    try {
      targetVersion = JdkAttach.loadAgent(pid, jar.toString(), agentArgs);
    } catch (NoClassDefFoundError noAttachModule) {
      err.println("this Java has no jdk.attach module (a JRE or a trimmed image?); run attach with a full JDK");
      return 1;
    } catch (Exception e) {
      err.println("could not attach to JVM " + pid + ": " + e + " (it must run as the same user, and not with"
          + " -XX:+DisableAttachMechanism)");
      return 1;
    }
    out.println("Airbag loaded into JVM " + pid + (agentArgs == null ? "" : " with " + agentArgs)
        + "; its start-up line is on that JVM's standard error");
    if (JavaVersion.feature(targetVersion) >= WARNS_ON_DYNAMIC_AGENTS) {
      out.println("note: Java " + targetVersion + " prints \"WARNING: A Java agent has been loaded dynamically\""
          + " on that JVM's console; start it with -XX:+EnableDynamicAgentLoading to allow this silently");
    }
    return 0;
  }

  /** The agent argument string, with {@code config=PATH} absolute; null when there is none. */
  static String agentArguments(List<String> rest) {
    List<String> arguments = new ArrayList<>();
    for (String argument : rest) {
      if (argument.startsWith("config=")) {
        arguments.add("config=" + Paths.get(argument.substring("config=".length())).toAbsolutePath().normalize());
      } else {
        arguments.add(argument);
      }
    }
    return arguments.isEmpty() ? null : String.join(",", arguments);
  }
}
