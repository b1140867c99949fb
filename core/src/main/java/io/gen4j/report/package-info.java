/**
 * What a person looks at while a run trains and after: the metrics plot ({@code loss.png}), the
 * animation of the sample grids ({@code samples.gif}) and the self-contained run report ({@code
 * index.html}), each drawn from the files of the run directory, with the listeners that keep them
 * current.
 */
package io.gen4j.report;
