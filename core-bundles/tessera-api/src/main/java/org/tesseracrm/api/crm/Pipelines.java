package org.tesseracrm.api.crm;

import org.osgi.annotation.versioning.ProviderType;
import org.tesseracrm.api.data.Records;

/** The core's pipelines (sales funnels): a service other bundles use to read and change them. */
@ProviderType
public interface Pipelines extends Records<Pipeline> {
}
