/**
 * The audit log: who changed what, when, from which value to which.
 */
@Export
@Version("1.1.0")
package org.tesseracrm.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
