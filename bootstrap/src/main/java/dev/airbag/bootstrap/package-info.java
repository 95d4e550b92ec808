/**
 * What advice inlined into application and JDK classes must see from every class loader: a generic bridge to the
 * agent (two entries, hooks named by int), its holder, the result type of replacing hooks and a re-entrancy guard.
 * Dependency-free; appended to the bootstrap class path. A new instrumentation adds nothing here.
 */
package dev.airbag.bootstrap;
