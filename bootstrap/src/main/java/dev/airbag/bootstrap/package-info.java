/**
 * What advice inlined into application and JDK classes must see from every class loader: the bridge to the
 * agent, its holder and a re-entrancy guard. Dependency-free; appended to the bootstrap class path.
 */
package dev.airbag.bootstrap;
