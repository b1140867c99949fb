/** Getting images and models out of gen4j: PNG sample grids (and, later, SavedModel export). */
package io.gen4j.export;
