package org.tesseracrm.platform.internal.rest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.ws.rs.POST;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.backup.Backups;

/**
 * {@code POST /api/v1/platform/backup}: a full backup of the installation as a zip archive (see
 * {@link Backups}), for administrators. The archive is written to a temporary file first, so the database
 * is read in one short transaction whatever the client's speed, and a failure is a problem answer rather
 * than a cut-off download.
 */
@Component(service = BackupResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@javax.ws.rs.Path("platform/backup")
public final class BackupResource {
    /** The media type of backup archives. */
    static final String ZIP = "application/zip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Backups backups;

    /** Backs up through the platform's backups. */
    @Activate
    public BackupResource(@Reference Backups backups) {
        this.backups = backups;
    }

    /** @return the archive, as an attachment named after the time it was taken */
    @POST
    @Produces(ZIP)
    public Response backup() throws IOException {
        administratorOnly("back up");
        Path file = Files.createTempFile("tessera-backup-", ".zip");
        try {
            try (var out = Files.newOutputStream(file)) {
                backups.backup(out);
            }
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        StreamingOutput body = out -> {
            try {
                Files.copy(file, out);
            } finally {
                Files.deleteIfExists(file);
            }
        };
        String name = "tessera-backup-" + LocalDateTime.now(ZoneOffset.UTC).format(STAMP) + ".zip";
        return Response.ok(body, ZIP)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .header(HttpHeaders.CONTENT_LENGTH, Files.size(file))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** @throws ProblemException FORBIDDEN unless the caller is an administrator */
    static void administratorOnly(String what) {
        if (!CurrentUser.get().hasRole(TesseraUser.ADMINISTRATOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only administrators " + what, null);
        }
    }
}
