/**
 * KPI metrics contributed by the core and plugins: a service per metric; the platform lists them at
 * {@code GET /api/v1/metrics} and the KPI plugin builds plans and plan-vs-actual on them.
 */
@Export
@Version("1.0.0")
package org.tesseracrm.spi.kpi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
