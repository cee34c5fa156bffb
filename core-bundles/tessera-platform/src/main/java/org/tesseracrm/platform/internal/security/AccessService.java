package org.tesseracrm.platform.internal.security;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.audit.AuditEntry.FieldChange;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.Access;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.platform.internal.audit.AuditWriter;
import org.tesseracrm.platform.internal.db.SchemaDatabase;
import org.tesseracrm.platform.internal.records.RecordAccess;
import org.tesseracrm.spi.security.RoleDefinition.Visibility;

/**
 * Decides, for the {@link CurrentUser}, which actions on which entities are allowed (the grants of the
 * user's roles) and whose records they see (the widest visibility of their roles: their own and shared
 * records, their department's, or all). The system user and administrators may do everything. What it
 * worked out for a user is kept for a few seconds; changes of users, departments or grants clear it.
 */
@Component(service = {Access.class, RecordAccess.class, AccessService.class})
public final class AccessService implements Access, RecordAccess {
    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);
    private static final long KEEP_MILLIS = 5_000;

    private final Roles roles;
    private final UserAccounts accounts;
    private final Departments departments;
    private final Database database;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    private record Known(Set<String> owners, long until) {
    }

    /** Works from the roles, the accounts and the departments. */
    @Activate
    public AccessService(@Reference Roles roles, @Reference UserAccounts accounts, @Reference Departments departments,
            @Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database) {
        this.roles = roles;
        this.accounts = accounts;
        this.departments = departments;
        this.database = database;
    }

    @Override
    public boolean permits(String entity, Action action) {
        TesseraUser user = CurrentUser.get();
        return user.hasRole(TesseraUser.ADMINISTRATOR) || roles.granted(user.roles(), entity).contains(action);
    }

    @Override
    public void require(String entity, Action action) {
        if (!permits(entity, action)) {
            TesseraUser user = CurrentUser.get();
            audit(user.username(), entity, "*", action);
            throw new ProblemException(ProblemType.FORBIDDEN, "You may not " + action.name().toLowerCase(Locale.ROOT)
                    + " " + entity + " records", null);
        }
    }

    @Override
    public Scope scope(String entity, Action action) {
        require(entity, action);
        TesseraUser user = CurrentUser.get();
        boolean reassign = permits(entity, Action.REASSIGN);
        if (user.hasRole(TesseraUser.ADMINISTRATOR)) {
            return new Scope(user.username(), null, true);
        }
        return new Scope(user.username(), owners(user), reassign);
    }

    @Override
    public void denied(String entity, String id, Action action) {
        audit(CurrentUser.get().username(), entity, id, action);
    }

    /** Forgets what was worked out for users (after a change of users, departments or grants). */
    public void forgetAll() {
        known.clear();
        roles.refresh();
    }

    private Set<String> owners(TesseraUser user) {
        long now = System.currentTimeMillis();
        String key = user.username() + '\0' + String.join(",", new java.util.TreeSet<>(user.roles()));
        Known cached = known.get(key);
        if (cached != null && cached.until() > now) {
            return cached.owners();
        }
        Visibility visibility = roles.visibility(user.roles());
        Set<String> owners;
        if (visibility == Visibility.ALL) {
            owners = null;
        } else {
            owners = new LinkedHashSet<>();
            owners.add(user.username());
            if (visibility == Visibility.DEPARTMENT) {
                String department = accounts.find(user.username()).map(UserAccounts.Account::departmentId).orElse(null);
                if (department != null) {
                    owners.addAll(accounts.usernamesIn(departments.subtree(department)));
                }
            }
            owners = Set.copyOf(owners);
        }
        if (known.size() > 10_000) {
            known.clear();
        }
        known.put(key, new Known(owners, now + KEEP_MILLIS));
        return owners;
    }

    private void audit(String username, String entity, String id, Action action) {
        LOG.info("Denied {} {} {} to {}", action, entity, id, username);
        org.tesseracrm.api.data.Database.Work<Object> write = connection -> {
            AuditWriter.write(connection, username, entity, id, "DENIED",
                    Map.of("action", new FieldChange(null, action.name())));
            return null;
        };
        // kept even though the refused request's own transaction rolls back
        if (database instanceof SchemaDatabase own) {
            own.inOwnTransaction(write);
        } else {
            database.inTransaction(write);
        }
    }
}
