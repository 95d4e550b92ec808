package dev.airbag.agent.config;

import dev.airbag.agent.engine.endpoint.Provider;
import java.net.URI;
import java.util.Objects;

/**
 * A user-declared endpoint ({@code airbag.endpoint.NAME.url} and {@code .provider}): calls whose URL starts
 * with {@link #url()} are protected and spoken to in {@link #provider()}'s dialect. Immutable.
 */
public final class EndpointDeclaration {
  private final String name;
  private final URI url;
  private final Provider provider;

  public EndpointDeclaration(String name, URI url, Provider provider) {
    this.name = Objects.requireNonNull(name, "name");
    this.url = Objects.requireNonNull(url, "url");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** The name the user chose, lower case. */
  public String name() {
    return name;
  }

  /** The base URL, like {@code http://localhost:8000/v1}. */
  public URI url() {
    return url;
  }

  public Provider provider() {
    return provider;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EndpointDeclaration)) {
      return false;
    }
    EndpointDeclaration that = (EndpointDeclaration) other;
    return name.equals(that.name) && url.equals(that.url) && provider == that.provider;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, url, provider);
  }

  @Override
  public String toString() {
    return name + " " + url + " (" + provider.wireName() + ")";
  }
}
