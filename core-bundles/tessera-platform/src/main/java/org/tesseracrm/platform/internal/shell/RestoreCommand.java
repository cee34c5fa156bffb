package org.tesseracrm.platform.internal.shell;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.platform.internal.backup.Backups;

/** {@code tessera:restore <file>}: replaces all data with a backup's, all or nothing. */
@Command(scope = "tessera", name = "restore",
        description = "Replaces all data with a backup's (same schema versions required), all or nothing")
@Service
public class RestoreCommand implements Action {
    @Reference
    private Backups backups;

    @Argument(index = 0, name = "file", description = "A zip file written by tessera:backup or the backup API",
            required = true)
    private String file;

    @Override
    public Object execute() throws Exception {
        Path source = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(source)) {
            System.err.println("No such file: " + source);
            return null;
        }
        try {
            Backups.Summary summary = backups.restore(source);
            System.out.printf("Restored %d rows of %d tables (schemas %s) from %s%n", summary.rows(), summary.tables(),
                    summary.schemaVersions(), source);
        } catch (ProblemException refused) {
            System.err.println("Nothing was restored: " + refused.getMessage());
            throw refused;
        }
        return null;
    }
}
