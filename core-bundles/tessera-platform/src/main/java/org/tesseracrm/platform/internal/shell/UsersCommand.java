package org.tesseracrm.platform.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tesseracrm.platform.internal.security.UserAccounts;

/** {@code tessera:users}: the users with roles, department and whether they are active. */
@Command(scope = "tessera", name = "users", description = "Lists Tessera's users")
@Service
public class UsersCommand implements Action {
    @Reference
    private UserAccounts accounts;

    @Option(name = "-q", description = "Only users whose name starts with this")
    private String prefix;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Username");
        table.column("Name");
        table.column("Roles");
        table.column("Department");
        table.column("Active");
        int offset = 0;
        while (true) {
            var page = accounts.list(offset, 500, prefix);
            for (UserAccounts.Account account : page.items()) {
                table.addRow().addContent(account.username(), account.displayName(), String.join(",", account.roles()),
                        account.departmentId() == null ? "" : account.departmentId(), account.active());
            }
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        table.print(System.out);
        return null;
    }
}
