package org.tesseracrm.plugin.exchange1c.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.Address;
import org.tesseracrm.api.crm.BankAccount;
import org.tesseracrm.api.crm.Companies;
import org.tesseracrm.api.crm.Company;
import org.tesseracrm.api.crm.Contact;
import org.tesseracrm.api.crm.Contacts;
import org.tesseracrm.api.crm.Patterns;
import org.tesseracrm.api.crm.Product;
import org.tesseracrm.api.crm.Products;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.plugin.exchange1c.internal.cml.Cml;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlException;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlHandler;
import org.tesseracrm.plugin.exchange1c.internal.cml.CmlReader;
import org.tesseracrm.plugin.exchange1c.internal.connection.ConnectionSettings;
import org.tesseracrm.plugin.exchange1c.internal.sale.OrderStatuses;

/**
 * Imports CommerceML files of one 1C connection into the plugin's tables (every object under its 1C
 * {@code Ид}) and into the core's companies and products.
 *
 * <p>A file is read twice, both times streaming: first to check that it is complete, well-formed
 * CommerceML (a truncated or non-XML file is refused before anything is written), then to apply it. The
 * plugin's rows and the core records (created through the core services, audited, which join the file's
 * transaction) are committed in batches of {@value #BATCH} objects, each object's core record together
 * with its {@code Ид} link, so that an interrupted import never leaves a core record without its link and
 * a re-import never duplicates it. The new products of a batch are created with one bulk call of the core
 * just before the batch commits (or before an object that may refer to them). A core service refusing an
 * object undoes only that object (a savepoint; a refused bulk call is retried one product at a time) and is
 * reported as the object's error; an unexpected failure keeps the batches committed before it and
 * says how many objects they hold.
 *
 * <p>Re-importing the same file creates nothing: known objects whose content did not change are skipped.
 * Counterparties match by {@code Ид}, else by INN and KPP; a counterparty that might be a company already
 * known (several with its INN and KPP, or one of the same name without INN) goes to the conflict table.
 * Offers for unknown products are kept in the plugin's tables and counted as unknown; no product is
 * invented. Nothing is deleted: a changes-only package touches what it lists, a full one as well.
 */
@Component(service = CmlImporter.class)
public final class CmlImporter {
    /** The connection used when 1C does not name one. */
    public static final String DEFAULT_CONNECTION = "default";
    /** The digest of a product link whose product a full catalog omitted (and was deleted for it). */
    static final String OMITTED = "omitted";
    /** Objects (products, offers, counterparties, orders) committed together. */
    static final int BATCH = 500;
    private static final String INSERT_OBJECT = "INSERT INTO exchange1c.exchange_object (record_id, name, "
            + "parent_id_1c, details, hash, deleted, updated_at, connection_id, kind, id_1c) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_OBJECT = "UPDATE exchange1c.exchange_object SET record_id = ?, name = ?, "
            + "parent_id_1c = ?, details = ?, hash = ?, deleted = ?, updated_at = ? "
            + "WHERE connection_id = ? AND kind = ? AND id_1c = ?";

    private final Database database;
    private final Companies companies;
    private final Contacts contacts;
    private final Products products;
    private final OrderStatuses orders;
    private final CmlReader reader = new CmlReader();
    /** The warehouse plugin's stock, while it is installed. */
    private volatile StockTarget warehouse;

    /** Starts once schema {@code exchange1c} is migrated and the core's services run. */
    @Activate
    public CmlImporter(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=exchange1c)") Database database,
            @Reference Companies companies, @Reference Contacts contacts, @Reference Products products,
            @Reference OrderStatuses orders) {
        this.database = database;
        this.companies = companies;
        this.contacts = contacts;
        this.products = products;
        this.orders = orders;
    }

    /** The warehouse plugin started: stock goes there too. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setWarehouse(StockTarget target) {
        this.warehouse = target;
    }

    /** The warehouse plugin stopped: stock stays in the plugin's tables only. */
    void unsetWarehouse(StockTarget target) {
        if (this.warehouse == target) {
            this.warehouse = null;
        }
    }

    /**
     * Imports one CommerceML file with the default settings of a connection.
     *
     * @param connection the 1C connection (base) the file came from
     * @param file       the file
     * @return the counts and errors; {@link ImportResult#failure()} says why a file was refused as a whole
     */
    public ImportResult importFile(String connection, Path file) {
        return importFile(ConnectionSettings.defaults(connection), file);
    }

    /**
     * Imports one CommerceML file.
     *
     * @param settings the 1C connection (base) the file came from
     * @param file     the file
     * @return the counts and errors; {@link ImportResult#failure()} says why a file was refused as a whole
     */
    public ImportResult importFile(ConnectionSettings settings, Path file) {
        ImportResult result = new ImportResult(file.getFileName().toString());
        try (InputStream in = Files.newInputStream(file)) {
            reader.read(in, new CmlHandler() {
                @Override
                public void version(String schemaVersion) {
                    result.schemaVersion(schemaVersion);
                }
            });
        } catch (CmlException e) {
            result.fail(e.getMessage());
            return result;
        } catch (IOException e) {
            result.fail("cannot read the file: " + e.getMessage());
            return result;
        }
        Apply[] apply = new Apply[1];
        try {
            database.inTransaction(sql -> {
                apply[0] = new Apply(settings, sql, result);
                try (InputStream in = Files.newInputStream(file)) {
                    reader.read(in, apply[0]);
                    apply[0].createNewProducts();
                    result.fullCatalog(apply[0].catalog && !apply[0].catalogChangesOnly);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (UncheckedSqlException e) {
                    throw e.getCause();
                } finally {
                    apply[0].close();
                }
                return null;
            });
        } catch (RuntimeException e) {
            int done = apply[0] == null ? 0 : apply[0].committed;
            if (done == 0) {
                throw e;
            }
            // the batch in progress was rolled back; the batches before it stay, and the same file again
            // skips them and completes the rest
            result.fail("import stopped after the first " + done + " objects (kept; send the file again to "
                    + "complete it): " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return result;
    }

    /**
     * Deletes, to the recycle bin, the products of a connection that a complete package with a full catalog
     * did not list: those whose {@code Ид} link was neither written nor {@linkplain Apply#listed marked listed}
     * since the package began. Their links are marked deleted with the digest {@value #OMITTED}, so a later
     * package that lists one again restores its product. Works in batches of {@value #BATCH}, each committed.
     *
     * @param settings the connection (its {@code deleteOmitted} is the caller's to check)
     * @param since    when the package began
     * @return how many products were deleted
     */
    public int deleteOmitted(ConnectionSettings settings, Instant since) {
        int deleted = 0;
        while (true) {
            int batch = database.inTransaction(sql -> {
                Map<String, String> omitted = new LinkedHashMap<>();
                try (PreparedStatement select = sql.prepareStatement("SELECT id_1c, record_id FROM "
                        + "exchange1c.exchange_object WHERE connection_id = ? AND kind = 'product' "
                        + "AND deleted = FALSE AND updated_at < ? ORDER BY id_1c "
                        + "FETCH FIRST " + BATCH + " ROWS ONLY")) {
                    select.setString(1, settings.name());
                    select.setTimestamp(2, Timestamp.from(since));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            omitted.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
                int count = 0;
                Timestamp now = Timestamp.from(Instant.now());
                try (PreparedStatement mark = sql.prepareStatement("UPDATE exchange1c.exchange_object SET "
                        + "deleted = TRUE, hash = '" + OMITTED + "', updated_at = ? "
                        + "WHERE connection_id = ? AND kind = 'product' AND id_1c = ?")) {
                    for (Map.Entry<String, String> product : omitted.entrySet()) {
                        Optional<Product> current = product.getValue() == null ? Optional.empty()
                                : products.find(product.getValue());
                        if (current.isPresent()) {
                            products.delete(current.get().id(), current.get().version());
                            count++;
                        }
                        mark.setTimestamp(1, now);
                        mark.setString(2, settings.name());
                        mark.setString(3, product.getKey());
                        mark.addBatch();
                    }
                    mark.executeBatch();
                }
                return omitted.isEmpty() ? -1 : count;
            });
            if (batch < 0) {
                return deleted;
            }
            deleted += batch;
        }
    }

    /** Carries an SQL failure out of a handler callback. */
    private static final class UncheckedSqlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedSqlException(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    /** A known object: the core record it became and the digest of what 1C sent last. */
    private record Stored(String recordId, String hash) { }

    /** A product 1C sent that has no core record yet, waiting to be created with the others of its batch. */
    private record NewProduct(Cml.Product product, Optional<Stored> known, String parent, String details,
            String hash) { }

    /** What became of an object. */
    private enum Outcome { CREATED, UPDATED, SKIPPED }

    /** What 1C's number for a stock row was to the one stored. */
    private enum StockRow { CHANGED, NOT_POSTED, SAME }

    /** Applies the objects of one file. */
    private final class Apply implements CmlHandler {
        private final ConnectionSettings settings;
        private final String connection;
        private final Connection sql;
        private final ImportResult result;
        private final StockTarget stockTarget = warehouse;
        private final Timestamp now = Timestamp.from(Instant.now());
        /** The statements of this file, prepared once on its connection. */
        private final Map<String, PreparedStatement> statements = new HashMap<>();
        /** Objects begun since the last commit. */
        private int pending;
        /** Objects committed so far. */
        private int committed;
        /** New products of the batch in progress, by Ид, created together before it commits. */
        private final Map<String, NewProduct> newProducts = new LinkedHashMap<>();
        /** Whether the file holds a catalog, and whether it said it holds only changes. */
        private boolean catalog;
        private boolean catalogChangesOnly;
        /** The Ид of the price type that becomes the product price: null until known, "" for the first. */
        private String priceTypeId;

        Apply(ConnectionSettings settings, Connection sql, ImportResult result) {
            this.settings = settings;
            this.connection = settings.name();
            this.sql = sql;
            this.result = result;
        }

        @Override
        public void version(String schemaVersion) {
            result.schemaVersion(schemaVersion);
        }

        @Override
        public void section(Cml.Section section) {
            result.changesOnly(section.changesOnly());
            if (section.name().equals("Каталог")) {
                catalog = true;
                catalogChangesOnly |= section.changesOnly();
            }
        }

        @Override
        public void invalid(String element, int line, String id, String message) {
            result.error(element, line, id, message);
        }

        @Override
        public void group(Cml.Group group) {
            result.add(ImportResult.GROUPS);
            count(upsert("group", group.id(), null, group.name(), group.parentId(), null, digest(group), false));
        }

        @Override
        public void property(Cml.Property property) {
            result.add(ImportResult.PROPERTIES);
            count(upsert("property", property.id(), null, property.name(), null, property.valueType(),
                    digest(property), false));
            for (var value : property.values().entrySet()) {
                // value ids repeat across properties in real files: the key is property#value
                upsert("value", property.id() + "#" + value.getKey(), null, value.getValue(), property.id(), null,
                        digest(value.getKey() + "=" + value.getValue()), false);
            }
        }

        @Override
        public void priceType(Cml.PriceType priceType) {
            result.add(ImportResult.PRICE_TYPES);
            count(upsert("price_type", priceType.id(), null, priceType.name(), null, priceType.currency(),
                    digest(priceType), false));
        }

        @Override
        public void warehouse(Cml.Warehouse warehouse) {
            result.add(ImportResult.WAREHOUSES);
            count(upsert("warehouse", warehouse.id(), null, warehouse.name(), null, null, digest(warehouse), false));
        }

        @Override
        public void product(Cml.Product product) {
            next();
            result.add(ImportResult.PRODUCTS);
            if (newProducts.containsKey(product.id())) {
                createNewProducts(); // the same product again in one batch: the first one becomes known
            }
            String hash = digest(product);
            Optional<Stored> known = find("product", product.id());
            if (known.isPresent() && known.get().hash().equals(hash)) {
                result.add(ImportResult.SKIPPED);
                if (settings.deleteOmitted()) {
                    listed(product.id()); // this package lists it: not omitted
                }
                return;
            }
            String details = truncate("groups=" + product.groupIds() + "\ntaxes=" + product.taxes()
                    + "\nproperties=" + product.properties() + "\npictures=" + product.pictures(), 32000);
            String parent = product.groupIds().isEmpty() ? null : product.groupIds().get(0);
            if (known.isEmpty() || known.get().recordId() == null) {
                newProducts.put(product.id(), new NewProduct(product, known, parent, details, hash));
                return;
            }
            try {
                String recordId = undoable(() -> {
                    String id = known.get().recordId();
                    Optional<Product> current = products.find(id);
                    if (current.isEmpty() && known.get().hash().equals(OMITTED)) {
                        current = Optional.of(products.restore(id)); // omitted by a full catalog, listed again
                    }
                    if (current.isPresent()) {
                        Product updated = coreProduct(product, current.get());
                        if (!updated.equals(current.get())) {
                            products.update(id, current.get().version(), updated);
                        }
                    }
                    return id;
                });
                count(upsert(known, "product", product.id(), recordId, product.name(), parent, details, hash,
                        product.deleted()));
            } catch (ProblemException e) {
                result.error("Товар", product.line(), product.id(), e.getMessage());
            }
        }

        /**
         * Creates the core records of the batch's new products in one call and links them to their
         * {@code Ид}. When the core refuses one, nothing of that call stays and they are created one by one,
         * so that only the refused product is reported.
         */
        void createNewProducts() {
            if (newProducts.isEmpty()) {
                return;
            }
            List<NewProduct> batch = List.copyOf(newProducts.values());
            newProducts.clear();
            List<Product> created;
            try {
                created = undoable(() -> products.createAll(
                        batch.stream().map(p -> coreProduct(p.product(), null)).toList()));
            } catch (ProblemException refused) {
                for (NewProduct p : batch) {
                    try {
                        String recordId = undoable(() -> products.create(coreProduct(p.product(), null)).id());
                        link(p, recordId);
                    } catch (ProblemException e) {
                        result.error("Товар", p.product().line(), p.product().id(), e.getMessage());
                    }
                }
                return;
            }
            linkAll(batch, created);
        }

        /** Links new products to their {@code Ид}, the links that are new with one batched insert. */
        private void linkAll(List<NewProduct> batch, List<Product> created) {
            try {
                PreparedStatement insert = null;
                for (int i = 0; i < batch.size(); i++) {
                    NewProduct p = batch.get(i);
                    String recordId = created.get(i).id();
                    if (p.known().isPresent()) {
                        link(p, recordId);
                        continue;
                    }
                    if (insert == null) {
                        insert = statement(INSERT_OBJECT);
                    }
                    bindObject(insert, recordId, p.product().name(), p.parent(), p.details(), p.hash(),
                            p.product().deleted(), "product", p.product().id());
                    insert.addBatch();
                    count(Outcome.CREATED);
                }
                if (insert != null) {
                    insert.executeBatch();
                }
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        private void link(NewProduct p, String recordId) {
            count(upsert(p.known(), "product", p.product().id(), recordId, p.product().name(), p.parent(),
                    p.details(), p.hash(), p.product().deleted()));
        }

        private Product coreProduct(Cml.Product product, Product current) {
            String name = truncate(firstNonNull(product.name(), product.article(), product.id()), 200);
            String unit = product.unit() == null ? null : truncate(product.unit().label(), 20);
            Boolean active = !product.deleted();
            if (current == null) {
                return new Product(null, null, name, truncate(product.article(), 64), truncate(product.barcode(), 64),
                        unit, truncate(product.description(), 4000), null, null, active, null, null, null, null,
                        null, null);
            }
            return new Product(current.id(), current.version(), name, truncate(product.article(), 64),
                    truncate(product.barcode(), 64), unit,
                    product.description() == null ? current.description() : truncate(product.description(), 4000),
                    current.price(), current.currency(), active, current.ownerId(), current.createdAt(),
                    current.createdBy(), current.updatedAt(), current.updatedBy(), current.deletedAt());
        }

        @Override
        public void offer(Cml.Offer offer) {
            createNewProducts(); // they may refer to them
            next();
            result.add(ImportResult.OFFERS);
            result.add(ImportResult.PRICES, offer.prices().size());
            result.add(ImportResult.STOCK_ROWS, offer.stock().size());
            Optional<Stored> product = find("product", offer.id());
            if (product.isEmpty() && !offer.productId().equals(offer.id())) {
                product = find("product", offer.productId());
            }
            String productRecord = product.map(Stored::recordId).orElse(null);
            if (product.isEmpty()) {
                result.add(ImportResult.UNKNOWN);
            }
            // The offer's own fields decide its row; prices and stock are compared row by row, because
            // packages split them (prices___ and rests___ files list the same offers with different parts).
            String hash = digest(offer.id() + "\u0001" + offer.name() + "\u0001" + offer.article() + "\u0001"
                    + offer.quantity());
            Outcome outcome = upsert("offer", offer.id(), productRecord, offer.name(), offer.productId(),
                    offer.quantity() == null ? null : offer.quantity().toPlainString(), hash, false);
            boolean changed = false;
            for (Cml.Price price : offer.prices()) {
                if (price.priceTypeId() == null) {
                    result.error("Цена", offer.line(), offer.id(), "a price without ИдТипаЦены");
                    continue;
                }
                changed |= upsertPrice(offer.id(), price);
            }
            for (Cml.Stock stock : offer.stock()) {
                StockRow row = upsertStock(offer.id(), stock);
                changed |= row == StockRow.CHANGED;
                // a new number, or the same one that never reached the warehouse plugin and now can
                if ((row == StockRow.CHANGED || row == StockRow.NOT_POSTED && postable(productRecord, stock))
                        && postStock(offer, productRecord, stock)) {
                    changed = true;
                    markPosted(offer.id(), stock);
                }
            }
            count(outcome == Outcome.SKIPPED && changed ? Outcome.UPDATED : outcome);
            Cml.Price productPrice = productPrice(offer);
            if (productRecord != null && productPrice != null) {
                setCorePrice(offer, productRecord, productPrice);
            }
        }

        /** The offer's price that becomes the product's: of the connection's price type, else the first. */
        private Cml.Price productPrice(Cml.Offer offer) {
            if (priceTypeId == null) {
                priceTypeId = priceTypeId(settings.priceType());
            }
            for (Cml.Price price : offer.prices()) {
                if (priceTypeId.isEmpty() || priceTypeId.equals(price.priceTypeId())) {
                    return price;
                }
            }
            return null;
        }

        private String priceTypeId(String configured) {
            if (configured == null || configured.isBlank()) {
                return "";
            }
            try (PreparedStatement select = sql.prepareStatement("SELECT id_1c FROM exchange1c.exchange_object "
                    + "WHERE connection_id = ? AND kind = 'price_type' AND name = ? ORDER BY id_1c")) {
                select.setString(1, connection);
                select.setString(2, configured);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) : configured;
                }
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        /** @return whether the stock row can go to the warehouse plugin: it runs, product and warehouse are known */
        private boolean postable(String productRecord, Cml.Stock stock) {
            return stockTarget != null && productRecord != null && stock.quantity() != null
                    && settings.warehouses().containsKey(stock.warehouseId());
        }

        /**
         * Sets the warehouse plugin's stock to 1C's number, when it runs and the warehouse is mapped.
         *
         * @return whether the warehouse plugin now holds 1C's number; else the row is kept here only
         */
        private boolean postStock(Cml.Offer offer, String productRecord, Cml.Stock stock) {
            if (!postable(productRecord, stock)) {
                result.add(ImportResult.STOCK_KEPT);
                return false;
            }
            String warehouseId = settings.warehouses().get(stock.warehouseId());
            StockTarget target = stockTarget;
            try {
                if (undoable(() -> target.set(productRecord, warehouseId, stock.quantity()))) {
                    result.add(ImportResult.STOCK_POSTED);
                    return true;
                }
                result.add(ImportResult.STOCK_KEPT);
            } catch (ProblemException e) {
                result.add(ImportResult.STOCK_KEPT);
                result.error("Склад", offer.line(), offer.id(), "stock kept in the exchange only: " + e.getMessage());
            }
            return false;
        }

        private void markPosted(String offerId, Cml.Stock stock) {
            try {
                write("UPDATE exchange1c.stock SET posted = TRUE WHERE connection_id = ? AND offer_id_1c = ? "
                        + "AND warehouse_id_1c = ?", connection, offerId, stock.warehouseId());
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        private void setCorePrice(Cml.Offer offer, String productRecord, Cml.Price price) {
            try {
                Optional<Product> current = products.find(productRecord);
                BigDecimal amount = scale(price.pricePerUnit());
                String currency = currency(price.currency());
                if (current.isEmpty() || amount == null) {
                    return;
                }
                Product p = current.get();
                if (p.price() != null && p.price().compareTo(amount) == 0 && Objects.equals(p.currency(), currency)) {
                    return;
                }
                undoable(() -> products.update(p.id(), p.version(), new Product(p.id(), p.version(), p.name(),
                        p.sku(), p.barcode(), p.unit(), p.description(), amount, currency, p.active(), p.ownerId(),
                        p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy(), p.deletedAt())));
            } catch (ProblemException e) {
                result.error("Предложение", offer.line(), offer.id(), e.getMessage());
            }
        }

        @Override
        public void counterparty(Cml.Counterparty counterparty) {
            createNewProducts(); // they may refer to them
            next();
            result.add(ImportResult.COUNTERPARTIES);
            String hash = digest(counterparty);
            Optional<Stored> known = find("counterparty", counterparty.id());
            if (known.isPresent() && known.get().hash().equals(hash)) {
                result.add(ImportResult.SKIPPED);
                return;
            }
            String inn = valid(counterparty.inn(), "\\d{10}|\\d{12}");
            String kpp = valid(counterparty.kpp(), "\\d{9}");
            String name = truncate(firstNonNull(counterparty.name(), counterparty.fullName(), counterparty.id()), 200);
            String details = truncate(details(counterparty), 32000);
            try {
                if (known.isPresent() && known.get().recordId() != null) {
                    undoable(() -> companies.find(known.get().recordId()).map(current -> save(current,
                            withFrom1c(current, counterparty, name, legalName(current, counterparty, name), inn,
                                    kpp))));
                    count(upsert(known, "counterparty", counterparty.id(), known.get().recordId(), name, null, details, hash,
                            counterparty.deleted()));
                    representatives(counterparty, known.get().recordId());
                    return;
                }
                String recordId;
                if (inn != null) {
                    List<Company> sameInn = companies.list(Query.firstPage().page(0, Query.MAX_LIMIT)
                            .where("inn", inn)).items();
                    List<Company> same = sameInn.stream().filter(c -> Objects.equals(c.kpp(), kpp)).toList();
                    if (same.size() > 1) {
                        conflict(counterparty, name, inn, kpp, "several companies have INN " + inn
                                + (kpp == null ? " and no KPP" : " and KPP " + kpp), same);
                        return;
                    }
                    if (same.size() == 1) {
                        Company match = same.get(0);
                        recordId = match.id();
                        result.add(ImportResult.MATCHED);
                        // linked: the company keeps its name and gains what 1C knows of it
                        undoable(() -> save(match, withFrom1c(match, counterparty, match.name(), match.legalName(),
                                match.inn(), match.kpp())));
                        upsert(known, "counterparty", counterparty.id(), recordId, name, null, details, hash,
                                counterparty.deleted());
                        representatives(counterparty, recordId);
                        return;
                    }
                } else {
                    List<Company> sameName = companies.list(Query.firstPage().page(0, Query.MAX_LIMIT)
                            .where("name", name)).items();
                    if (!sameName.isEmpty()) {
                        conflict(counterparty, name, null, kpp,
                                "no INN, and a company with the same name exists", sameName);
                        return;
                    }
                }
                Company fresh = Company.of(name);
                Company created = undoable(() -> companies.create(withFrom1c(fresh, counterparty, name,
                        legalName(fresh, counterparty, name), inn, kpp)));
                count(upsert(known, "counterparty", counterparty.id(), created.id(), name, null, details, hash,
                        counterparty.deleted()));
                representatives(counterparty, created.id());
            } catch (ProblemException e) {
                result.error("Контрагент", counterparty.line(), counterparty.id(), e.getMessage());
            }
        }

        /**
         * @return the company with this name, legal name and tax ids, and with what 1C adds to its addresses
         *         (the same by kind and text), bank accounts (by number and БИК), phones and e-mails, never
         *         removing any
         */
        private Company withFrom1c(Company current, Cml.Counterparty counterparty, String name, String legalName,
                String inn, String kpp) {
            return new Company(current.id(), current.version(), name, legalName, inn, kpp,
                    merged(current.addresses(), addresses(counterparty), a -> a.kind() + "/" + a.line()),
                    merged(current.bankAccounts(), bankAccounts(counterparty), a -> a.number() + "/" + a.bik()),
                    merged(current.phones(), reach(counterparty, Reach.PHONE)),
                    merged(current.emails(), reach(counterparty, Reach.EMAIL)), current.website(), current.notes(),
                    current.ownerId(), current.createdAt(), current.createdBy(), current.updatedAt(),
                    current.updatedBy(), current.deletedAt());
        }

        /**
         * @return 1C's full name as the company's legal name when it says more than the name; else the legal
         *         name the company has (a full name that repeats the name, as orders sent from here carry it,
         *         or none at all, takes nothing away)
         */
        private static String legalName(Company current, Cml.Counterparty counterparty, String name) {
            String fullName = counterparty.fullName();
            return fullName == null || fullName.strip().equals(name) ? current.legalName() : truncate(fullName, 500);
        }

        /** @return the company as stored: updated when 1C changed it, else as it was */
        private Company save(Company current, Company updated) {
            return updated.equals(current) ? current : companies.update(current.id(), current.version(), updated);
        }

        /**
         * The counterparty's phones or e-mails that a company can hold; a value that is no valid phone or e-mail
         * is reported and stays in the exchange's details only.
         */
        private List<String> reach(Cml.Counterparty counterparty, Reach kind) {
            List<String> values = new ArrayList<>();
            for (Cml.ContactDetail contact : counterparty.contacts()) {
                if (!kind.is(contact.type()) || contact.value() == null || contact.value().isBlank()) {
                    continue;
                }
                String value = contact.value().strip();
                if (kind.valid(value)) {
                    values.add(value);
                } else {
                    result.error("Контакт", counterparty.line(), counterparty.id(), "'" + truncate(value, 100)
                            + "' (" + contact.type() + ") is not a valid " + kind.label
                            + "; kept in the exchange's details only");
                }
            }
            return values;
        }

        /**
         * The counterparty's bank accounts as a company holds them; an account without a number, or with a
         * number or bank code longer than a company's account holds, is reported and stays in the exchange's
         * details only.
         */
        private List<BankAccount> bankAccounts(Cml.Counterparty counterparty) {
            List<BankAccount> accounts = new ArrayList<>();
            for (Cml.BankAccount account : counterparty.bankAccounts()) {
                String number = account.number(); // the reader gives stripped text, or null
                String bik = account.bik();
                String correspondent = account.correspondentAccount();
                if (number == null || number.length() > 34 || (bik != null && bik.length() > 11)
                        || (correspondent != null && correspondent.length() > 34)) {
                    result.error("РасчетныйСчет", counterparty.line(), counterparty.id(), "the bank account '"
                            + truncate(number, 100) + "' has no number, or a number, БИК or correspondent account"
                            + " too long for a company's account (34, 11, 34); kept in the exchange's details only");
                    continue;
                }
                accounts.add(new BankAccount(number, bik, truncate(account.bankName(), 300), correspondent));
            }
            return accounts;
        }

        /**
         * The counterparty's representatives ({@code Представитель}) as contacts of its company, each linked
         * by its own {@code Ид}: a name in 1C's order (surname, first name, patronymic), the relation
         * ({@code Отношение}) as the position. A contact deleted in Tessera is not brought back.
         */
        private void representatives(Cml.Counterparty counterparty, String companyId) {
            for (Cml.Representative person : counterparty.representatives()) {
                result.add(ImportResult.REPRESENTATIVES);
                if (person.id() == null || person.name() == null || person.name().isBlank()) {
                    result.error("Представитель", counterparty.line(), counterparty.id(),
                            "a representative without Ид or Наименование");
                    continue;
                }
                String hash = digest(digest(person) + companyId);
                Optional<Stored> known = find("representative", person.id());
                if (known.isPresent() && known.get().hash().equals(hash)) {
                    result.add(ImportResult.SKIPPED);
                    continue;
                }
                try {
                    String recordId = undoable(() -> contact(person, companyId, known));
                    count(upsert(known, "representative", person.id(), recordId, person.name(), counterparty.id(),
                            person.relation(), hash, false));
                } catch (ProblemException e) {
                    result.error("Представитель", counterparty.line(), person.id(), e.getMessage());
                }
            }
        }

        /** @return the id of the representative's contact, created or brought up to date */
        private String contact(Cml.Representative person, String companyId, Optional<Stored> known) {
            String[] words = person.name().strip().split("\\s+", 3);
            String lastName = truncate(words[0], 100);
            String firstName = words.length > 1 ? truncate(words[1], 100) : null;
            String middleName = words.length > 2 ? truncate(words[2], 100) : null;
            String position = truncate(person.relation(), 200);
            if (known.isEmpty() || known.get().recordId() == null) {
                return contacts.create(new Contact(null, null, firstName, middleName, lastName, List.of(), List.of(),
                        position, companyId, List.of(), null, null, null, null, null, null, null)).id();
            }
            String id = known.get().recordId();
            contacts.find(id).ifPresent(current -> {
                Contact updated = new Contact(current.id(), current.version(), firstName, middleName, lastName,
                        current.emails(), current.phones(), position, companyId, current.tags(), current.notes(),
                        current.ownerId(), current.createdAt(), current.createdBy(), current.updatedAt(),
                        current.updatedBy(), current.deletedAt());
                if (!updated.equals(current)) {
                    contacts.update(id, current.version(), updated);
                }
            });
            return id;
        }

        @Override
        public void document(Cml.Document document) {
            createNewProducts(); // they may refer to them
            next();
            result.add(ImportResult.ORDERS);
            result.add(ImportResult.ORDER_LINES, document.lines().size());
            for (Cml.Counterparty counterparty : document.counterparties()) {
                counterparty(counterparty);
            }
            String parent = document.counterparties().isEmpty() ? null : document.counterparties().get(0).id();
            StringBuilder details = new StringBuilder();
            details.append("number=").append(document.number()).append("\ndate=").append(document.date())
                    .append("\noperation=").append(document.operation()).append("\ncurrency=")
                    .append(document.currency()).append("\ntotal=").append(document.total());
            document.requisites().forEach((k, v) -> details.append('\n').append(k).append('=').append(v));
            Outcome outcome = upsert("order", document.id(), null, document.number(), parent,
                    truncate(details.toString(), 32000), digest(document), document.deleted());
            count(outcome);
            if (outcome == Outcome.SKIPPED) {
                return;
            }
            try (PreparedStatement delete = sql.prepareStatement(
                    "DELETE FROM exchange1c.order_line WHERE connection_id = ? AND order_id_1c = ?");
                    PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.order_line (connection_id, "
                            + "order_id_1c, line_no, product_id_1c, name, quantity, price, total) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                delete.setString(1, connection);
                delete.setString(2, document.id());
                delete.executeUpdate();
                int no = 0;
                for (Cml.DocumentLine line : document.lines()) {
                    insert.setString(1, connection);
                    insert.setString(2, document.id());
                    insert.setInt(3, ++no);
                    insert.setString(4, truncate(line.productId(), 200));
                    insert.setString(5, truncate(line.name(), 1000));
                    insert.setBigDecimal(6, scale(line.quantity()));
                    insert.setBigDecimal(7, scale(line.price()));
                    insert.setBigDecimal(8, scale(line.total()));
                    insert.addBatch();
                }
                insert.executeBatch();
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
            try {
                switch (undoable(() -> orders.apply(settings, document))) {
                    case UPDATED -> result.add(ImportResult.DEALS_UPDATED);
                    case UNKNOWN -> result.add(ImportResult.ORDERS_UNKNOWN);
                    case UNCHANGED -> { }
                }
            } catch (ProblemException e) {
                result.error("Документ", document.line(), document.id(), e.getMessage());
            }
        }

        // ------------------------------------------------------------ storage

        private void count(Outcome outcome) {
            result.add(switch (outcome) {
                case CREATED -> ImportResult.CREATED;
                case UPDATED -> ImportResult.UPDATED;
                case SKIPPED -> ImportResult.SKIPPED;
            });
        }

        /** @return the statement, prepared on the file's connection the first time it is asked for */
        private PreparedStatement statement(String text) throws SQLException {
            PreparedStatement statement = statements.get(text);
            if (statement == null) {
                statement = sql.prepareStatement(text);
                statements.put(text, statement);
            }
            return statement;
        }

        /** Closes the statements of the file. */
        void close() throws SQLException {
            for (PreparedStatement statement : statements.values()) {
                statement.close();
            }
            statements.clear();
        }

        /**
         * Starts the next object: commits the batch before it once it holds {@value #BATCH} objects, so an
         * object is never split across commits.
         */
        private void next() {
            if (++pending > BATCH) {
                createNewProducts();
                database.commitSoFar(); // and the batch's record events go out, not held till the file ends
                committed += pending - 1;
                pending = 1;
            }
        }

        /**
         * Runs core work (which joins this file's transaction) under a savepoint: when the core refuses the
         * object, only that object's writes are undone and the problem goes on to the caller.
         */
        private <R> R undoable(Supplier<R> work) {
            Savepoint savepoint;
            try {
                savepoint = sql.setSavepoint();
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
            try {
                R value = work.get();
                sql.releaseSavepoint(savepoint);
                return value;
            } catch (ProblemException e) {
                try {
                    sql.rollback(savepoint);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        /** Marks a product this file lists unchanged as listed by the package in progress. */
        private void listed(String id) {
            try {
                write("UPDATE exchange1c.exchange_object SET updated_at = ? WHERE connection_id = ? "
                        + "AND kind = 'product' AND id_1c = ?", now, connection, id);
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        private Optional<Stored> find(String kind, String id) {
            try {
                PreparedStatement select = statement("SELECT record_id, hash FROM exchange1c.exchange_object "
                        + "WHERE connection_id = ? AND kind = ? AND id_1c = ?");
                select.setString(1, connection);
                select.setString(2, kind);
                select.setString(3, id);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(new Stored(row.getString(1), row.getString(2))) : Optional.empty();
                }
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        private Outcome upsert(String kind, String id, String recordId, String name, String parent, String details,
                String hash, boolean deleted) {
            return upsert(find(kind, id), kind, id, recordId, name, parent, details, hash, deleted);
        }

        /** Writes an object's row, {@code known} being what {@link #find} said of it. */
        private Outcome upsert(Optional<Stored> known, String kind, String id, String recordId, String name,
                String parent, String details, String hash, boolean deleted) {
            if (known.isPresent() && known.get().hash().equals(hash)
                    && Objects.equals(known.get().recordId(), recordId)) {
                return Outcome.SKIPPED;
            }
            try {
                PreparedStatement write = statement(known.isPresent() ? UPDATE_OBJECT : INSERT_OBJECT);
                bindObject(write, recordId, name, parent, details, hash, deleted, kind, id);
                write.executeUpdate();
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
            return known.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
        }

        /** Binds the parameters of {@link #INSERT_OBJECT} or {@link #UPDATE_OBJECT}. */
        private void bindObject(PreparedStatement write, String recordId, String name, String parent, String details,
                String hash, boolean deleted, String kind, String id) throws SQLException {
            write.setString(1, recordId);
            write.setString(2, truncate(name, 1000));
            write.setString(3, truncate(parent, 200));
            write.setString(4, details);
            write.setString(5, hash);
            write.setBoolean(6, deleted);
            write.setTimestamp(7, now);
            write.setString(8, connection);
            write.setString(9, kind);
            write.setString(10, id);
        }

        /** @return whether the row was new or different */
        private boolean upsertPrice(String offerId, Cml.Price price) {
            BigDecimal amount = scale(price.pricePerUnit());
            String currency = truncate(price.currency(), 10);
            String unit = truncate(price.unit(), 50);
            try {
                PreparedStatement select = statement("SELECT price, currency, unit FROM exchange1c.price "
                        + "WHERE connection_id = ? AND offer_id_1c = ? AND price_type_id_1c = ?");
                select.setString(1, connection);
                select.setString(2, offerId);
                select.setString(3, price.priceTypeId());
                try (ResultSet row = select.executeQuery()) {
                    boolean exists = row.next();
                    if (exists && sameNumber(row.getBigDecimal(1), amount) && Objects.equals(row.getString(2), currency)
                            && Objects.equals(row.getString(3), unit)) {
                        return false;
                    }
                    write(exists ? "UPDATE exchange1c.price SET price = ?, currency = ?, unit = ?, updated_at = ? "
                            + "WHERE connection_id = ? AND offer_id_1c = ? AND price_type_id_1c = ?"
                            : "INSERT INTO exchange1c.price (price, currency, unit, updated_at, connection_id, "
                                    + "offer_id_1c, price_type_id_1c) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            amount, currency, unit, now, connection, offerId, price.priceTypeId());
                    return true;
                }
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        /**
         * Stores 1C's number for a stock row.
         *
         * @return {@link StockRow#CHANGED} when it is new or another number (and not posted yet),
         *         {@link StockRow#NOT_POSTED} when it is the same number, never posted; else {@link StockRow#SAME}
         */
        private StockRow upsertStock(String offerId, Cml.Stock stock) {
            BigDecimal quantity = scale(stock.quantity());
            try {
                PreparedStatement select = statement("SELECT quantity, posted FROM exchange1c.stock "
                        + "WHERE connection_id = ? AND offer_id_1c = ? AND warehouse_id_1c = ?");
                select.setString(1, connection);
                select.setString(2, offerId);
                select.setString(3, stock.warehouseId());
                try (ResultSet row = select.executeQuery()) {
                    boolean exists = row.next();
                    if (exists && sameNumber(row.getBigDecimal(1), quantity)) {
                        return row.getBoolean(2) ? StockRow.SAME : StockRow.NOT_POSTED;
                    }
                    write(exists ? "UPDATE exchange1c.stock SET quantity = ?, updated_at = ?, posted = FALSE "
                            + "WHERE connection_id = ? AND offer_id_1c = ? AND warehouse_id_1c = ?"
                            : "INSERT INTO exchange1c.stock (quantity, updated_at, connection_id, offer_id_1c, "
                                    + "warehouse_id_1c) VALUES (?, ?, ?, ?, ?)",
                            quantity, now, connection, offerId, stock.warehouseId());
                    return StockRow.CHANGED;
                }
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }

        private void write(String statement, Object... parameters) throws SQLException {
            PreparedStatement write = statement(statement);
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value == null) {
                    // only the leading amount (DECIMAL) or the price's currency and unit (VARCHAR) are nullable
                    write.setNull(i + 1, i == 0 ? java.sql.Types.DECIMAL : java.sql.Types.VARCHAR);
                } else {
                    write.setObject(i + 1, value);
                }
            }
            write.executeUpdate();
        }

        private void conflict(Cml.Counterparty counterparty, String name, String inn, String kpp, String reason,
                List<Company> candidates) {
            result.add(ImportResult.CONFLICTS);
            String ids = truncate(String.join(",", candidates.stream().map(Company::id).toList()), 4000);
            try (PreparedStatement update = sql.prepareStatement("UPDATE exchange1c.conflict SET name = ?, inn = ?, kpp = ?, "
                    + "reason = ?, candidates = ? WHERE connection_id = ? AND kind = ? AND id_1c = ?")) {
                update.setString(1, truncate(name, 1000));
                update.setString(2, inn);
                update.setString(3, kpp);
                update.setString(4, truncate(reason, 1000));
                update.setString(5, ids);
                update.setString(6, connection);
                update.setString(7, "counterparty");
                update.setString(8, counterparty.id());
                if (update.executeUpdate() > 0) {
                    return;
                }
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
            try (PreparedStatement insert = sql.prepareStatement("INSERT INTO exchange1c.conflict (connection_id, kind, id_1c, "
                    + "name, inn, kpp, reason, candidates, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, connection);
                insert.setString(2, "counterparty");
                insert.setString(3, counterparty.id());
                insert.setString(4, truncate(name, 1000));
                insert.setString(5, inn);
                insert.setString(6, kpp);
                insert.setString(7, truncate(reason, 1000));
                insert.setString(8, ids);
                insert.setTimestamp(9, now);
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new UncheckedSqlException(e);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A way to reach a counterparty that a company holds: which 1C contact types are it, and what is valid. */
    private enum Reach {
        /** {@code Тип} "Телефон рабочий", "Телефон мобильный", … */
        PHONE("телефон", Patterns.PHONE, 40, "phone"),
        /** {@code Тип} "Электронная почта", "Почта". */
        EMAIL("почт", Patterns.EMAIL, 254, "e-mail");

        private final String typeWord;
        private final java.util.regex.Pattern pattern;
        private final int maxLength;
        private final String label;

        Reach(String typeWord, String pattern, int maxLength, String label) {
            this.typeWord = typeWord;
            this.pattern = java.util.regex.Pattern.compile(pattern);
            this.maxLength = maxLength;
            this.label = label;
        }

        boolean is(String type) {
            return type != null && type.toLowerCase(Locale.ROOT).contains(typeWord);
        }

        boolean valid(String value) {
            return value.length() <= maxLength && pattern.matcher(value).matches();
        }
    }

    /** @return the counterparty's addresses as a company holds them */
    private static List<Address> addresses(Cml.Counterparty counterparty) {
        return counterparty.addresses().stream().map(a -> new Address(a.kind(), truncate(a.text(), 500),
                truncate(a.city(), 100), truncate(a.postalCode(), 20), null)).distinct().toList();
    }

    /**
     * @return what the company holds, followed by what 1C adds to it: values compared without case, spaces,
     *         brackets and dashes, so "+7 (3272) 25-39-39" is "+7 3272 253939"
     */
    private static <V> List<V> merged(List<V> current, List<V> from1c) {
        return merged(current, from1c, v -> v);
    }

    /** @return as {@link #merged(List, List)}, values being the same when their keys are */
    private static <V> List<V> merged(List<V> current, List<V> from1c, java.util.function.Function<V, ?> key) {
        List<V> all = new ArrayList<>(current == null ? List.of() : current);
        java.util.Set<String> seen = new java.util.HashSet<>();
        all.forEach(v -> seen.add(sameness(key.apply(v))));
        for (V value : from1c) {
            if (seen.add(sameness(key.apply(value)))) {
                all.add(value);
            }
        }
        return all;
    }

    private static String sameness(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT).replaceAll("[\\s()\\-]", "");
    }

    private static String details(Cml.Counterparty counterparty) {
        StringBuilder text = new StringBuilder();
        text.append("inn=").append(Objects.toString(counterparty.inn(), "")).append("\nkpp=")
                .append(Objects.toString(counterparty.kpp(), "")).append("\nrole=")
                .append(Objects.toString(counterparty.role(), ""));
        for (Cml.BankAccount account : counterparty.bankAccounts()) {
            text.append("\naccount=").append(account.number()).append(';').append(account.bik()).append(';')
                    .append(account.correspondentAccount()).append(';').append(account.bankName());
        }
        for (Cml.Representative representative : counterparty.representatives()) {
            text.append("\nrepresentative=").append(representative.id()).append(';').append(representative.name())
                    .append(';').append(representative.relation());
        }
        for (Cml.ContactDetail contact : counterparty.contacts()) {
            text.append("\ncontact=").append(contact.type()).append(';').append(contact.value());
        }
        for (Cml.Address address : counterparty.addresses()) {
            text.append("\naddress=").append(address.kind()).append(';').append(address.text());
        }
        return text.toString();
    }

    /** The components of a record type that make its digest: all but its position in the file. */
    private static final ClassValue<List<RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            return java.util.Arrays.stream(type.getRecordComponents())
                    .filter(component -> !component.getName().equals("line")).toList();
        }
    };

    /** The digest of what 1C sent for an object, without its position in the file. */
    static String digest(Object object) {
        StringBuilder text = new StringBuilder();
        if (object instanceof Record record) {
            for (RecordComponent component : COMPONENTS.get(record.getClass())) {
                try {
                    text.append(component.getName()).append('=').append(component.getAccessor().invoke(record))
                            .append('\u0001');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else {
            text.append(object);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String currency(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (v.equals("РУБ") || v.equals("РУБ.") || v.equals("RUR") || v.equals("643")) {
            return "RUB";
        }
        return v.matches("[A-Z]{3}") ? v : null;
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal scale(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
    }

    private static String valid(String value, String pattern) {
        return value != null && value.matches(pattern) ? value : null;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
