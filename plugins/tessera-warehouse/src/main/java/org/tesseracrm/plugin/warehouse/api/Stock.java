package org.tesseracrm.plugin.warehouse.api;

import java.math.BigDecimal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Stock of products (core product ids) in warehouses, for other plugins. Every method changes stock
 * atomically; a refusal is an {@link org.tesseracrm.api.ProblemException}: {@code CONFLICT} when there is
 * not enough available stock (and the warehouse does not allow negative stock), {@code NOT_FOUND} for an
 * unknown warehouse, {@code INVALID_FIELD} for a quantity that is not positive.
 */
@ProviderType
public interface Stock {

    /** @return the product's stock in the warehouse (zeros when it never had any) */
    Availability availability(String productId, String warehouseId);

    /**
     * Reserves a quantity: available stock drops, on hand stays.
     *
     * @return the availability after the reservation
     */
    Availability reserve(String productId, String warehouseId, BigDecimal quantity);

    /**
     * Releases a quantity reserved before.
     *
     * @return the availability after the release
     * @throws org.tesseracrm.api.ProblemException CONFLICT when less than that is reserved
     */
    Availability release(String productId, String warehouseId, BigDecimal quantity);

    /**
     * Ships a quantity out of available (unreserved) stock by posting a one-line shipment document.
     * To ship what was reserved, {@link #release} it first.
     *
     * @return the id of the posted shipment document
     */
    String issue(String productId, String warehouseId, BigDecimal quantity);

    /**
     * Takes a quantity in at a unit cost by posting a one-line goods receipt (the moving average cost
     * takes it in).
     *
     * @param unitCost the cost of one unit, 0 or more
     * @return the id of the posted receipt document
     */
    String receive(String productId, String warehouseId, BigDecimal quantity, BigDecimal unitCost);
}
