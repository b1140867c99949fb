/**
 * Examples of gen4j used as a library: {@link io.gen4j.examples.QuickStart} is the README's quick start,
 * compiled and tested here.
 */
package io.gen4j.examples;
