package org.tesseracrm.core.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Companies;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/** {@code /api/v1/companies}: list, read, create, update, delete and restore. */
@Component(service = CompanyResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("companies")
public final class CompanyResource extends RecordsResource<Company> {

    /** Serves the Companies service. */
    @Activate
    public CompanyResource(@Reference Companies records, @Reference Json json) {
        super(records, json);
    }
}
