/**
 * The warehouse plugin's API for other plugins: read availability, reserve, release and issue stock.
 * Implemented by the warehouse plugin ({@link org.tesseracrm.plugin.warehouse.api.Stock} is a provider
 * type); other plugins only call it.
 */
@Export
@Version("1.1.0")
package org.tesseracrm.plugin.warehouse.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
