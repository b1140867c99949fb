/** Checks and descriptions of the files users name in dataset configs. */
package io.gen4j.data.files;
