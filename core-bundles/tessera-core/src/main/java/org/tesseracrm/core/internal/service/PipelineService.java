package org.tesseracrm.core.internal.service;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;

import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.ForwardingRecords;
import org.tesseracrm.api.data.RecordStores;

/** The {@link Pipelines} service, stored in {@code core}. */
@Component(service = Pipelines.class)
public final class PipelineService extends ForwardingRecords<Pipeline> implements Pipelines {

    /** Starts once the core schema is migrated. */
    @Activate
    public PipelineService(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=core)") Database database) {
        super(stores.create(Pipeline.class, database, new PipelineRules()));
    }
}
