package dev.airbag.agent.uncaught;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The names of a class, its superclasses and every interface they implement, so that a rule naming a type
 * matches its subclasses without Airbag ever loading a class by name (which could run the app's static
 * initialisers or pick the wrong class loader). Stateless.
 */
final class TypeNames {
  private TypeNames() {
  }

  /** The class first, then its superclasses up to {@code java.lang.Throwable}, then interfaces. */
  static Set<String> of(Class<?> type) {
    Set<String> names = new LinkedHashSet<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      names.add(c.getName());
    }
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      addInterfaces(c, names);
    }
    return names;
  }

  private static void addInterfaces(Class<?> type, Set<String> names) {
    for (Class<?> i : type.getInterfaces()) {
      // Interfaces form a DAG: a name already present has had its own interfaces added.
      if (names.add(i.getName())) {
        addInterfaces(i, names);
      }
    }
  }
}
