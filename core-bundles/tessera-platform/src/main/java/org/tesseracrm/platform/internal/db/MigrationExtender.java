package org.tesseracrm.platform.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.data.Database.Dialect;

/**
 * The migration extender. For every started bundle with a {@value #SCHEMA_HEADER} header it applies the
 * SQL files under {@code TESSERA-INF/db/} and only then registers a {@link Database} service for that
 * schema; the bundle's components reference that service, so they start on a migrated schema or not at
 * all. A failed migration leaves the schema unchanged and is reported in {@link SchemaStatuses}.
 */
@Component(immediate = true, service = {})
public final class MigrationExtender implements BundleTrackerCustomizer<MigrationExtender.Tracked> {
    /** Manifest header naming a bundle's schema. */
    public static final String SCHEMA_HEADER = "Tessera-Schema";

    private static final Logger LOG = LoggerFactory.getLogger(MigrationExtender.class);

    private final BundleContext context;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final SchemaMigrator migrator;
    private final SchemaStatuses statuses;
    private final BundleTracker<Tracked> tracker;

    /** A tracked bundle: its schema and, once migrated, its Database registration. */
    record Tracked(String schema, ServiceRegistration<Database> registration) {
    }

    /** Starts tracking bundles once the database is there. */
    @Activate
    public MigrationExtender(BundleContext context,
            @Reference(target = "(dataSourceName=tessera)") DataSource dataSource,
            @Reference SchemaStatuses statuses) throws SQLException {
        this.context = context;
        this.statuses = statuses;
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            this.dialect = Dialects.detect(connection);
            LOG.info("Database: {} {} at {}", connection.getMetaData().getDatabaseProductName(),
                    connection.getMetaData().getDatabaseProductVersion(), connection.getMetaData().getURL());
        }
        statuses.dialect(dialect);
        this.migrator = new SchemaMigrator(dataSource);
        this.tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, this);
        tracker.open();
    }

    /** Stops tracking; every Database service goes away. */
    @Deactivate
    public void deactivate() {
        tracker.close();
    }

    @Override
    public Tracked addingBundle(Bundle bundle, BundleEvent event) {
        String schema = bundle.getHeaders("").get(SCHEMA_HEADER);
        if (schema == null || schema.isBlank()) {
            return null;
        }
        schema = schema.strip();
        String name = bundle.getSymbolicName();
        try {
            List<MigrationScript> scripts = MigrationScripts.select(readScripts(bundle), dialect);
            List<Integer> applied = migrator.migrate(schema, scripts);
            int version = migrator.currentVersion(schema);
            if (applied.isEmpty()) {
                LOG.info("Schema {} of {} is up to date at version {}", schema, name, version);
            } else {
                LOG.info("Schema {} of {} migrated to version {} (applied {})", schema, name, version, applied);
            }
            statuses.put(new SchemaStatus(name, schema, SchemaStatus.ACTIVE, version, null));
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(Database.SCHEMA_PROPERTY, schema);
            properties.put("tessera.bundle", name);
            properties.put("tessera.schema.version", version);
            ServiceRegistration<Database> registration = context.registerService(Database.class,
                    new SchemaDatabase(schema, dialect, dataSource), properties);
            return new Tracked(schema, registration);
        } catch (RuntimeException e) {
            LOG.error("Schema {} of bundle {} was not migrated; its components stay inactive: {}", schema, name,
                    e.getMessage(), e);
            statuses.put(new SchemaStatus(name, schema, SchemaStatus.FAILED, migrator.currentVersion(schema),
                    e.getMessage()));
            return new Tracked(schema, null);
        }
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
        // nothing: a bundle's files cannot change without an update, which stops it first
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
        if (tracked.registration() != null) {
            try {
                tracked.registration().unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework is shutting down
            }
        }
        statuses.remove(bundle.getSymbolicName());
    }

    private static Map<String, String> readScripts(Bundle bundle) {
        Map<String, String> files = new LinkedHashMap<>();
        Enumeration<URL> entries = bundle.findEntries(MigrationScripts.FOLDER, "*.sql", true);
        if (entries == null) {
            return files;
        }
        while (entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            try (InputStream in = entry.openStream()) {
                files.put(entry.getPath(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new MigrationException("Cannot read " + entry.getPath() + ": " + e.getMessage(), e);
            }
        }
        return files;
    }
}
