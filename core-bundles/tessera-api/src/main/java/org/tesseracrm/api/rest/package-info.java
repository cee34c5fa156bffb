/**
 * REST building blocks for core and plugin resources: the one Tessera JAX-RS application, the JSON
 * codec, and a generic CRUD resource.
 */
@Export
@Version("1.1.0")
package org.tesseracrm.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
