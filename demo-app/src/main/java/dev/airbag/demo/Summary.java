package dev.airbag.demo;

/** A summary as the app got it: its text and the model the provider's response names. */
record Summary(String text, String model) {}
