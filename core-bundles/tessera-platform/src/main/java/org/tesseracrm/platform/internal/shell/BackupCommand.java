package org.tesseracrm.platform.internal.shell;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tesseracrm.platform.internal.backup.Backups;

/** {@code tessera:backup <file>}: writes a full backup of the installation to a zip archive. */
@Command(scope = "tessera", name = "backup", description = "Writes a full backup (every table of every Tessera schema) to a zip file")
@Service
public class BackupCommand implements Action {
    @Reference
    private Backups backups;

    @Argument(index = 0, name = "file", description = "The zip file to write; an existing file is not overwritten",
            required = true)
    private String file;

    @Override
    public Object execute() throws Exception {
        Path target = Path.of(file).toAbsolutePath();
        Backups.Summary summary;
        try (OutputStream out = Files.newOutputStream(target, java.nio.file.StandardOpenOption.CREATE_NEW)) {
            summary = backups.backup(out);
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        System.out.printf("Backed up %d rows of %d tables (schemas %s) to %s%n", summary.rows(), summary.tables(),
                summary.schemaVersions(), target);
        return null;
    }
}
