/**
 * The {@code gen4j} command line: {@code models}, {@code train}, {@code sample}, {@code eval}, {@code export},
 * {@code bench}, {@code nll}, {@code config show|schema}, {@code generate-completion}.
 */
package io.gen4j.cli;
