package org.tesseracrm.spi.plugin;

/** Names of the {@code tessera.plugin} capability a plugin declares in its manifest. */
public final class TesseraPlugin {
    /**
     * The capability namespace; its value is the plugin's id: lower-case letters and digits, starting
     * with a letter ({@code salon}). The id names the plugin's REST base {@code /api/v1/<id>}.
     */
    public static final String NAMESPACE = "tessera.plugin";
    /** Attribute: the human name shown to users. */
    public static final String NAME = "name";
    /** Attribute: the plugin's version (type Version). */
    public static final String VERSION = "version";

    private TesseraPlugin() {
    }
}
