/**
 * Who is acting: the authenticated user of the current request or job.
 */
@Export
@Version("1.1.0")
package org.tesseracrm.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
