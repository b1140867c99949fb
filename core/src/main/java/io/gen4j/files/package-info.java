/** File writing shared by runs, reports, evaluations and exports: atomic replacement of a file. */
package io.gen4j.files;
