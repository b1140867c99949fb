/**
 * Model files are programs: before any session runs a graph read from disk, {@link
 * io.gen4j.security.SavedModelCheck} checks every op of it (function library and load-time
 * initializers included) against the {@link io.gen4j.security.OpAllowList} of generator graphs, and
 * refuses anything that reads or writes files, talks to the network, queues, or runs custom code.
 * {@link io.gen4j.security.ModelTrust#TRUSTED} ({@code --trust-model}) skips the check.
 */
package io.gen4j.security;
