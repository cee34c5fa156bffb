package org.tesseracrm.platform.internal.security;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Database;
import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.security.TesseraUser;
import org.tesseracrm.spi.security.RoleDefinition;
import org.tesseracrm.spi.security.RoleDefinition.Visibility;

/**
 * The roles there are and what they grant: the built-in administrator, director and manager, the roles
 * plugins declare as {@link RoleDefinition} services (present while the plugin runs), and the changes an
 * administrator made, kept in {@code platform.role_permission}.
 */
@Component(service = Roles.class)
public final class Roles {
    /** Entities a manager works with every day; of the rest they only read. */
    static final List<String> SALES_ENTITIES = List.of("contact", "company", "deal", "activity");

    private final Database database;
    private final Map<RoleDefinition, String> plugins = new ConcurrentHashMap<>();
    private volatile Map<String, Map<String, Boolean>> overrides;
    /**
     * What {@link #all} gave in English, for the checks of every request; cleared by every change here
     * and read again after half a minute (another node may have changed the grants).
     */
    private volatile Map<String, Role> known;
    private volatile long knownUntil;

    /**
     * A role as administrators see it.
     *
     * @param name       the role's name
     * @param title      its name for people
     * @param plugin     the bundle that declared it, {@code null} for built-in roles
     * @param visibility whose records it sees
     * @param grants     actions by entity, defaults and changes together
     */
    public record Role(String name, String title, String plugin, Visibility visibility,
            Map<String, Set<Action>> grants) {
    }

    /** Keeps the administrators' changes in the platform schema. */
    @Activate
    public Roles(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database) {
        this.database = database;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDefinition(RoleDefinition definition, ServiceReference<RoleDefinition> reference) {
        plugins.put(definition, reference.getBundle().getSymbolicName());
        known = null;
    }

    void removeDefinition(RoleDefinition definition) {
        plugins.remove(definition);
        known = null;
    }

    /** Adds a definition outside OSGi (tests). */
    void define(RoleDefinition definition, String plugin) {
        plugins.put(definition, plugin);
        known = null;
    }

    private Map<String, Role> english() {
        Map<String, Role> roles = known;
        long now = System.currentTimeMillis();
        if (roles == null || now > knownUntil) {
            overrides = null;
            roles = all(Locale.ENGLISH);
            known = roles;
            knownUntil = now + 30_000;
        }
        return roles;
    }

    /** @return every role by name, with the grants in force */
    public Map<String, Role> all(Locale locale) {
        Map<String, Role> roles = new TreeMap<>();
        for (Map.Entry<RoleDefinition, String> entry : definitions().entrySet()) {
            RoleDefinition definition = entry.getKey();
            Role known = roles.get(definition.name());
            Map<String, Set<Action>> grants = new TreeMap<>();
            Visibility visibility = definition.visibility();
            String title = definition.title(locale);
            String plugin = entry.getValue();
            if (known != null) {
                known.grants().forEach((entity, actions) -> grants.put(entity, EnumSet.copyOf(actions)));
                visibility = known.visibility().compareTo(visibility) > 0 ? known.visibility() : visibility;
                title = known.plugin() == null ? known.title() : title;
                plugin = known.plugin() == null ? null : known.plugin();
            }
            definition.grants().forEach((entity, actions) -> {
                if (!actions.isEmpty()) {
                    grants.computeIfAbsent(entity, e -> EnumSet.noneOf(Action.class)).addAll(actions);
                }
            });
            roles.put(definition.name(), new Role(definition.name(), title, plugin, visibility, grants));
        }
        Map<String, Map<String, Boolean>> changes = overrides();
        for (Map.Entry<String, Map<String, Boolean>> change : changes.entrySet()) {
            Role role = roles.get(change.getKey());
            if (role == null) {
                continue; // the plugin that declared it is not installed now
            }
            change.getValue().forEach((key, granted) -> {
                int colon = key.lastIndexOf(':');
                String entity = key.substring(0, colon);
                Action action = Action.valueOf(key.substring(colon + 1));
                Set<Action> actions = role.grants().computeIfAbsent(entity, e -> EnumSet.noneOf(Action.class));
                if (granted) {
                    actions.add(action);
                } else {
                    actions.remove(action);
                }
            });
        }
        return roles;
    }

    /** @return whether a role of that name is declared now */
    public boolean exists(String name) {
        return english().containsKey(name);
    }

    /** @return the actions the roles grant on the entity, together */
    public Set<Action> granted(Set<String> roleNames, String entity) {
        Set<Action> actions = EnumSet.noneOf(Action.class);
        Map<String, Role> roles = english();
        for (String name : roleNames) {
            Role role = roles.get(name);
            if (role != null) {
                actions.addAll(role.grants().getOrDefault(RoleDefinition.ANY_ENTITY, Set.of()));
                actions.addAll(role.grants().getOrDefault(entity, Set.of()));
                // a "denied" override on the entity wins over the role's "*" grant
                Map<String, Boolean> changes = overrides().getOrDefault(name, Map.of());
                for (Action action : Action.values()) {
                    if (Boolean.FALSE.equals(changes.get(entity + ":" + action))
                            && !role.grants().getOrDefault(entity, Set.of()).contains(action)) {
                        actions.remove(action);
                    }
                }
            }
        }
        return actions;
    }

    /** @return the widest visibility of the roles */
    public Visibility visibility(Set<String> roleNames) {
        Visibility widest = Visibility.OWN;
        for (Role role : english().values()) {
            if (roleNames.contains(role.name()) && role.visibility().compareTo(widest) > 0) {
                widest = role.visibility();
            }
        }
        return widest;
    }

    /**
     * Sets what a role grants on the entities named; entities not named keep their grants.
     *
     * @throws ProblemException NOT_FOUND for an unknown role, INVALID_FIELD for the administrator role
     */
    public Role setGrants(String roleName, Map<String, Set<Action>> grants) {
        if (roleName.equals(TesseraUser.ADMINISTRATOR)) {
            throw ProblemException.invalid("name", "The administrator may always do everything");
        }
        if (!exists(roleName)) {
            throw ProblemException.notFound("role", roleName);
        }
        Map<String, Set<Action>> defaults = new LinkedHashMap<>();
        for (RoleDefinition definition : definitions().keySet()) {
            if (definition.name().equals(roleName)) {
                definition.grants().forEach((e, a) -> defaults.computeIfAbsent(e, k -> EnumSet.noneOf(Action.class))
                        .addAll(a));
            }
        }
        database.inTransaction(connection -> {
            for (Map.Entry<String, Set<Action>> grant : grants.entrySet()) {
                String entity = grant.getKey();
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM platform.role_permission WHERE role_name = ? AND entity = ?")) {
                    delete.setString(1, roleName);
                    delete.setString(2, entity);
                    delete.executeUpdate();
                }
                Set<Action> base = EnumSet.noneOf(Action.class);
                base.addAll(defaults.getOrDefault(RoleDefinition.ANY_ENTITY, Set.of()));
                base.addAll(defaults.getOrDefault(entity, Set.of()));
                for (Action action : Action.values()) {
                    boolean wanted = grant.getValue().contains(action);
                    if (wanted != base.contains(action)) {
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO "
                                + "platform.role_permission (role_name, entity, action, granted) VALUES (?, ?, ?, ?)")) {
                            insert.setString(1, roleName);
                            insert.setString(2, entity);
                            insert.setString(3, action.name());
                            insert.setBoolean(4, wanted);
                            insert.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
        overrides = null;
        known = null;
        return all(Locale.ENGLISH).get(roleName);
    }

    private Map<RoleDefinition, String> definitions() {
        Map<RoleDefinition, String> all = new LinkedHashMap<>();
        for (RoleDefinition builtIn : BUILT_IN) {
            all.put(builtIn, null);
        }
        all.putAll(plugins);
        return all;
    }

    private Map<String, Map<String, Boolean>> overrides() {
        Map<String, Map<String, Boolean>> known = overrides;
        if (known == null) {
            known = database.inTransaction(connection -> {
                Map<String, Map<String, Boolean>> read = new LinkedHashMap<>();
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT role_name, entity, action, granted FROM platform.role_permission");
                        ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        read.computeIfAbsent(rows.getString(1), r -> new LinkedHashMap<>())
                                .put(rows.getString(2) + ":" + rows.getString(3), rows.getBoolean(4));
                    }
                }
                return read;
            });
            overrides = known;
        }
        return known;
    }

    /** Forgets what was read of the administrators' changes (another node may have changed them). */
    public void refresh() {
        overrides = null;
        known = null;
    }

    private static final List<RoleDefinition> BUILT_IN = List.of(
            role(TesseraUser.ADMINISTRATOR, "Administrator", "Администратор", Visibility.ALL,
                    Map.of(RoleDefinition.ANY_ENTITY, EnumSet.allOf(Action.class))),
            role(TesseraUser.DIRECTOR, "Director", "Руководитель", Visibility.DEPARTMENT,
                    Map.of(RoleDefinition.ANY_ENTITY, EnumSet.allOf(Action.class))),
            role(TesseraUser.MANAGER, "Manager", "Менеджер", Visibility.OWN, managerGrants()));

    private static Map<String, Set<Action>> managerGrants() {
        Map<String, Set<Action>> grants = new LinkedHashMap<>();
        grants.put(RoleDefinition.ANY_ENTITY, EnumSet.of(Action.READ));
        for (String entity : SALES_ENTITIES) {
            grants.put(entity, EnumSet.of(Action.READ, Action.CREATE, Action.UPDATE, Action.DELETE));
        }
        return grants;
    }

    private static RoleDefinition role(String name, String english, String russian, Visibility visibility,
            Map<String, Set<Action>> grants) {
        return new RoleDefinition() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String title() {
                return english;
            }

            @Override
            public String title(Locale locale) {
                return "ru".equals(locale.getLanguage()) ? russian : english;
            }

            @Override
            public Map<String, Set<Action>> grants() {
                return grants;
            }

            @Override
            public Visibility visibility() {
                return visibility;
            }
        };
    }

    /** @return the names of all roles, for messages */
    public List<String> names() {
        return new ArrayList<>(english().keySet());
    }
}
