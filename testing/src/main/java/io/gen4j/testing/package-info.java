/**
 * gen4j's testing kit for plugin authors ({@code io.gen4j:gen4j-testing}): {@link
 * io.gen4j.testing.ModelContractTest}, the contract every model plugin's tests extend, and small
 * assertion helpers. It depends on gen4j-core, JUnit 5 and AssertJ, and registers no model of its own.
 */
package io.gen4j.testing;
