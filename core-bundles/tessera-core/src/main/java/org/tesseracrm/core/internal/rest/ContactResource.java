package org.tesseracrm.core.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Contacts;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/** {@code /api/v1/contacts}: list, read, create, update, delete and restore. */
@Component(service = ContactResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("contacts")
public final class ContactResource extends RecordsResource<Contact> {

    /** Serves the Contacts service. */
    @Activate
    public ContactResource(@Reference Contacts records, @Reference Json json) {
        super(records, json);
    }
}
