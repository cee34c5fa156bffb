/**
 * Console pages contributed by plugins: a service per page, collected by the platform, listed at
 * {@code GET /api/v1/console/pages}.
 */
@Export
@Version("1.1.0")
package org.tesseracrm.spi.console;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
