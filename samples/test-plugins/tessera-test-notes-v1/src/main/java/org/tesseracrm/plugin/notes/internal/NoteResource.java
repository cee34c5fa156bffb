package org.tesseracrm.plugin.notes.internal;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.RecordRules;
import org.tesseracrm.api.data.RecordStores;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/**
 * {@code /api/v1/notes/items}: the REST resource of the notes plugin, which exists only for the hot-plug
 * integration tests (karaf-assembly {@code HotPlugIT}). It joins the plugin's own application
 * ({@code tessera-notes}, which the platform creates at {@code /api/v1/notes}), so its arrival and
 * departure while core requests are served rebuild only that application; it starts only once the
 * platform has migrated schema {@code notes}. Shared by notes 1.0.0 and 2.0.0.
 */
@Component(service = NoteResource.class)
@JaxrsResource
@JaxrsApplicationSelect("(osgi.jaxrs.name=" + TesseraApi.PLUGIN_APPLICATION_PREFIX + "notes)")
@Path("items")
public final class NoteResource extends RecordsResource<Note> {

    /** Serves the notes stored in schema {@code notes}. */
    @Activate
    public NoteResource(@Reference RecordStores stores,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=notes)") Database database,
            @Reference Json json) {
        super(stores.create(Note.class, database, RecordRules.none()), json);
    }
}
