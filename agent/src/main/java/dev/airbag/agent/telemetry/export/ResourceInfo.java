package dev.airbag.agent.telemetry.export;

/**
 * The OTLP resource: who emitted the events ({@code service.name}, {@code host.name}) and which SDK
 * ({@code telemetry.sdk.name=airbag}, {@code .language=java}, {@code .version}). Immutable.
 */
public final class ResourceInfo {
  static final String SDK_NAME = "airbag";
  static final String SDK_LANGUAGE = "java";

  private final String serviceName;
  private final String hostName;
  private final String sdkVersion;

  public ResourceInfo(String serviceName, String hostName, String sdkVersion) {
    this.serviceName = serviceName == null ? "unknown_service:java" : serviceName;
    this.hostName = hostName;
    this.sdkVersion = sdkVersion == null ? "unknown" : sdkVersion;
  }

  /** The agent jar's Implementation-Version, or {@code unknown} when run from classes. */
  public static String agentVersion() {
    String version = ResourceInfo.class.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }

  public String serviceName() {
    return serviceName;
  }

  /** The host name, or null when unknown (then the attribute is left out). */
  public String hostName() {
    return hostName;
  }

  public String sdkVersion() {
    return sdkVersion;
  }
}
