package org.tesseracrm.platform.internal.shell;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.platform.internal.security.UserAdministration;

/**
 * {@code tessera:user <action> <username>}: administrators create users ({@code add}, with
 * {@code --roles} and optionally {@code --department}; the generated password is printed once), change
 * their roles or department ({@code set}), {@code deactivate} or {@code activate} them, and
 * {@code reset-password}. The same rules as the REST API apply.
 */
@Command(scope = "tessera", name = "user", description = "Creates or changes a Tessera user")
@Service
public class UserCommand implements Action {
    @Reference
    private UserAdministration administration;

    @Argument(index = 0, name = "action", required = true,
            description = "add, set, deactivate, activate or reset-password")
    private String action;

    @Argument(index = 1, name = "username", required = true, description = "The user's login name")
    private String username;

    @Option(name = "--roles", description = "Comma-separated roles (administrator, director, manager, ...)")
    private String roles;

    @Option(name = "--department", description = "The department's id")
    private String department;

    @Option(name = "--name", description = "The name shown in the console")
    private String displayName;

    @Override
    public Object execute() {
        List<String> roleList = roles == null ? null : Arrays.stream(roles.split(",")).map(String::strip).toList();
        try {
            switch (action) {
                case "add" -> {
                    var created = administration.create(username, displayName, roleList, department, null);
                    System.out.println("Created " + username + "; password (must be changed at the first login): "
                            + created.generatedPassword());
                }
                case "set" -> {
                    var account = administration.update(username, displayName, roleList, department, null);
                    System.out.println(username + ": roles " + account.roles() + ", department "
                            + (account.departmentId() == null ? "none" : account.departmentId()));
                }
                case "deactivate" -> {
                    administration.deactivate(username);
                    System.out.println(username + " is deactivated");
                }
                case "activate" -> {
                    administration.update(username, null, null, null, true);
                    System.out.println(username + " is active");
                }
                case "reset-password" -> System.out.println("New password of " + username
                        + " (must be changed at the next login): " + administration.resetPassword(username));
                default -> System.err.println("Unknown action '" + action
                        + "'; use add, set, deactivate, activate or reset-password");
            }
        } catch (ProblemException problem) {
            System.err.println(problem.getMessage());
        }
        return null;
    }
}
