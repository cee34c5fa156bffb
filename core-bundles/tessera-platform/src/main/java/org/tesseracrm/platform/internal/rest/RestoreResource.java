package org.tesseracrm.platform.internal.rest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

import javax.ws.rs.POST;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.platform.internal.backup.Backups;

/**
 * {@code POST /api/v1/platform/restore} with a backup archive as the body ({@code application/zip}):
 * replaces all data with the archive's, all or nothing (see {@link Backups#restore}), for administrators.
 * Answers what was restored; a body that is not a Tessera backup is a 400 problem, a backup of other
 * schema versions a 409.
 */
@Component(service = RestoreResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@javax.ws.rs.Path("platform/restore")
@Produces(MediaType.APPLICATION_JSON)
public final class RestoreResource {
    private static final Set<String> ARCHIVE_TYPES = Set.of(BackupResource.ZIP, "application/x-zip-compressed",
            MediaType.APPLICATION_OCTET_STREAM);

    private final Backups backups;

    /** Restores through the platform's backups. */
    @Activate
    public RestoreResource(@Reference Backups backups) {
        this.backups = backups;
    }

    /** @return the schema versions, tables and rows restored */
    @POST
    public Backups.Summary restore(@Context HttpHeaders headers, InputStream body) throws IOException {
        BackupResource.administratorOnly("restore backups");
        MediaType type = headers.getMediaType();
        if (type == null || !ARCHIVE_TYPES.contains(type.getType() + "/" + type.getSubtype())) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the backup archive as application/zip", "Content-Type");
        }
        Path file = Files.createTempFile("tessera-restore-", ".zip");
        try {
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            return backups.restore(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
