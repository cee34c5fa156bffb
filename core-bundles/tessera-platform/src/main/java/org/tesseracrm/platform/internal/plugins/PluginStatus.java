package org.tesseracrm.platform.internal.plugins;

/**
 * A plugin as the platform sees it.
 *
 * @param id            the plugin id from its {@code tessera.plugin} capability
 * @param name          its human name
 * @param version       its version
 * @param bundle        the bundle's symbolic name
 * @param bundleId      the bundle's id in the framework
 * @param state         {@code active}, {@code failed}, {@code resolved} (stopped) or {@code installed}
 * @param reason        why it failed, or {@code null}
 * @param schema        its database schema, or {@code null} when it has none
 * @param schemaVersion the highest applied migration of that schema (0 without schema)
 */
public record PluginStatus(String id, String name, String version, String bundle, long bundleId, String state,
        String reason, String schema, int schemaVersion) {
}
