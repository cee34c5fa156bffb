package org.tesseracrm.plugin.warehouse.internal.rest;

import javax.ws.rs.Path;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.rest.Json;
import org.tesseracrm.api.rest.RecordsResource;
import org.tesseracrm.plugin.warehouse.internal.data.Warehouse;
import org.tesseracrm.plugin.warehouse.internal.data.Warehouses;

/** {@code /api/v1/warehouse/warehouses}: list, read, create, update, delete and restore warehouses. */
@Component(service = WarehouseResource.class)
@JaxrsResource
@JaxrsApplicationSelect(WarehouseApplication.SELECT)
@Path("warehouses")
public final class WarehouseResource extends RecordsResource<Warehouse> {

    /** Serves the warehouses. */
    @Activate
    public WarehouseResource(@Reference Warehouses records, @Reference Json json) {
        super(records, json);
    }
}
