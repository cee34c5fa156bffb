package org.tesseracrm.core.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.crm.PriceList;
import org.tesseracrm.api.crm.PriceLists;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.api.rest.TesseraApi;

/** {@code /api/v1/price-lists}: list, read, create, update, delete and restore. */
@Component(service = PriceListResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("price-lists")
public final class PriceListResource extends RecordsResource<PriceList> {

    /** Serves the PriceLists service. */
    @Activate
    public PriceListResource(@Reference PriceLists records, @Reference Json json) {
        super(records, json);
    }
}
