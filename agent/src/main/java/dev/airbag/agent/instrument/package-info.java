/**
 * The instrumentations, one shape each: a package per client or capture ({@code okhttp}, {@code jdkhttp},
 * {@code uncaught}) with one {@link dev.airbag.agent.instrument.InstrumentationModule} naming its types, its advice
 * and its hooks onto the engine, listed once in {@link dev.airbag.agent.instrument.Instrumentations}. Advice reaches
 * the agent through the two generic entries of {@code dev.airbag.bootstrap.BridgeHolder}, by hook id; the ids index
 * one {@link dev.airbag.agent.instrument.Hook} table. How to add a client: see
 * {@link dev.airbag.agent.instrument.InstrumentationModule}.
 */
package dev.airbag.agent.instrument;
