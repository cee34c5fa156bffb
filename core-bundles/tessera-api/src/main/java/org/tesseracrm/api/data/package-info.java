/**
 * Data access for core and plugins: the per-schema {@link org.tesseracrm.api.data.Database}, generic
 * {@link org.tesseracrm.api.data.Records} with versioning, soft delete, audit and events, and the
 * annotations that describe a record type.
 */
@Export
@Version("1.3.0")
package org.tesseracrm.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
