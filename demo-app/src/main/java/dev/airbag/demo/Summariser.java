package dev.airbag.demo;

/** Summarises one loan package through an LLM; throws the SDK's exception when the provider fails. */
interface Summariser extends AutoCloseable {
  Summary summarise(LoanPackage loan);

  @Override
  void close();
}
