/**
 * Tessera's common API: the problem (error) model every service and endpoint speaks.
 */
@Export
@Version("1.0.0")
package org.tesseracrm.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
