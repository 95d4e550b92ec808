package dev.airbag.agent.wiring;

import dev.airbag.agent.config.AirbagConfig;
import dev.airbag.agent.config.ConfigKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Names the service and host in events, without DNS lookups at start-up. */
final class ServiceIdentity {
  private ServiceIdentity() {}

  /** {@code airbag.service.name}, else the jar's file name or the main class's simple name. */
  static String serviceName(AirbagConfig config) {
    String configured = config.get(ConfigKeys.SERVICE_NAME);
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String command = System.getProperty("sun.java.command", "").trim();
    if (command.isEmpty()) {
      return "unknown-service";
    }
    String main = command.split("\\s+")[0];
    if (main.endsWith(".jar")) {
      String file = Paths.get(main).getFileName().toString();
      return file.substring(0, file.length() - ".jar".length());
    }
    return main.substring(main.lastIndexOf('.') + 1);
  }

  /** The host name from the environment or /etc/hostname; a DNS lookup could stall start-up. */
  static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    try {
      String fromFile = new String(Files.readAllBytes(Paths.get("/etc/hostname")), StandardCharsets.UTF_8).trim();
      if (!fromFile.isEmpty()) {
        return fromFile;
      }
    } catch (IOException | RuntimeException unreadable) {
      // Not Linux, or no such file: fall through.
    }
    String windows = System.getenv("COMPUTERNAME");
    return windows != null ? windows : "unknown-host";
  }
}
