package org.tesseracrm.plugin.exchange1c.internal.cml;

/**
 * Receives the objects of a CommerceML file one at a time, in document order. Every method does nothing
 * by default. An exception thrown by a handler stops the reading.
 */
public interface CmlHandler {
    /** The root's schema version ({@code ВерсияСхемы}), or {@code null}. */
    default void version(String schemaVersion) { }

    /** A section starts ({@code Классификатор}, {@code Каталог}, {@code ПакетПредложений}, {@code Контрагенты}). */
    default void section(Cml.Section section) { }

    /** A classifier group, parents before their children. */
    default void group(Cml.Group group) { }

    /** A classifier property. */
    default void property(Cml.Property property) { }

    /** A price type. */
    default void priceType(Cml.PriceType priceType) { }

    /** A warehouse. */
    default void warehouse(Cml.Warehouse warehouse) { }

    /** A catalog product. */
    default void product(Cml.Product product) { }

    /** An offer. */
    default void offer(Cml.Offer offer) { }

    /** A counterparty of a {@code Контрагенты} list (those of documents come with the document). */
    default void counterparty(Cml.Counterparty counterparty) { }

    /** A document (order). */
    default void document(Cml.Document document) { }

    /**
     * An object that could not be read (a bad number, a missing Ид); the reading goes on.
     *
     * @param element the element's local name
     * @param line    the line it starts on
     * @param id      its Ид when known
     * @param message what is wrong
     */
    default void invalid(String element, int line, String id, String message) { }
}
