/**
 * What makes a bundle a Tessera plugin: the {@value org.tesseracrm.spi.plugin.TesseraPlugin#NAMESPACE}
 * capability in its manifest, for example in {@code bnd.bnd}:
 *
 * <pre>
 * Provide-Capability: tessera.plugin; tessera.plugin=salon; name="Beauty salon"; version:Version="1.0.0"
 * </pre>
 *
 * The platform lists every bundle with that capability as a plugin, with its state and schema.
 */
@Export
@Version("1.0.0")
package org.tesseracrm.spi.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
