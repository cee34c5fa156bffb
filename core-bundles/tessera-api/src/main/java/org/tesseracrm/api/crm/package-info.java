/**
 * The core CRM: contacts, companies, deals in pipelines, activities, the product catalog and price
 * lists — as records and the services that keep them.
 */
@Export
@Version("1.0.0")
package org.tesseracrm.api.crm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
