/**
 * Roles and grants declared by the platform and by plugins.
 */
@Export
@Version("1.0.0")
package org.tesseracrm.spi.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
