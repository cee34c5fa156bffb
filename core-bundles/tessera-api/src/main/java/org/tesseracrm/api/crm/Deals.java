package org.tesseracrm.api.crm;

import org.osgi.annotation.versioning.ProviderType;
import org.tesseracrm.api.data.Records;

/** The core's deals: a service other bundles use to read and change them. */
@ProviderType
public interface Deals extends Records<Deal> {
}
