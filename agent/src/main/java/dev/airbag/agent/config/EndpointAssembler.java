package dev.airbag.agent.config;

import dev.airbag.agent.engine.endpoint.Provider;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins the {@code airbag.endpoint.NAME.url} and {@code .provider} members into endpoint declarations, in the
 * order names first appear. An endpoint without a usable URL is dropped with a problem line. Stateless.
 */
final class EndpointAssembler {
  private EndpointAssembler() {}

  static Map<String, EndpointDeclaration> assemble(List<FamilyEntry> entries, List<String> problems) {
    Set<String> names = new LinkedHashSet<>();
    Map<String, FamilyEntry> urls = new LinkedHashMap<>();
    Map<String, FamilyEntry> providers = new LinkedHashMap<>();
    for (FamilyEntry entry : entries) {
      if (entry.family == ConfigKeys.ENDPOINT_URL) {
        names.add(entry.variable);
        urls.put(entry.variable, entry);
      } else if (entry.family == ConfigKeys.ENDPOINT_PROVIDER) {
        names.add(entry.variable);
        providers.put(entry.variable, entry);
      }
    }
    Map<String, EndpointDeclaration> endpoints = new LinkedHashMap<>();
    for (String name : names) {
      FamilyEntry url = urls.get(name);
      FamilyEntry provider = providers.get(name);
      if (url == null) {
        problems.add(missingUrl(name, provider));
        continue;
      }
      // A rejected URL already has its problem line.
      if (url.setting == null) {
        continue;
      }
      boolean providerSet = provider != null && provider.setting != null;
      Provider dialect = providerSet ? (Provider) provider.setting.value : Provider.OPENAI;
      endpoints.put(name, new EndpointDeclaration(name, (URI) url.setting.value, dialect));
    }
    return Collections.unmodifiableMap(endpoints);
  }

  private static String missingUrl(String name, FamilyEntry provider) {
    return provider.name() + " (" + provider.source + ") declares the endpoint " + name + ", but "
        + ConfigKeys.ENDPOINT_URL.keyFor(name) + " is not set: expected an http or https URL there; the endpoint "
        + name + " is dropped";
  }
}
