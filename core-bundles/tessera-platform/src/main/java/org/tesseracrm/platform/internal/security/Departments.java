package org.tesseracrm.platform.internal.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.data.Database;

/**
 * The tree of departments. A user belongs to one department; a director sees the records of the users
 * of their department and of every department below it.
 */
@Component(service = Departments.class)
public final class Departments {
    private final Database database;

    /**
     * A department.
     *
     * @param id       its id
     * @param name     its name
     * @param parentId the department above it, or {@code null} at the top
     */
    public record Department(String id, String name, String parentId) {
    }

    /** Works in the platform schema. */
    @Activate
    public Departments(@Reference(target = "(" + Database.SCHEMA_PROPERTY + "=platform)") Database database) {
        this.database = database;
    }

    /** @return every department, by name */
    public List<Department> list() {
        return database.inTransaction(Departments::all);
    }

    /** @return the department */
    public Department get(String id) {
        return list().stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("department", id));
    }

    /** @return the new department */
    public Department create(String name, String parentId) {
        checkName(name);
        return database.inTransaction(connection -> {
            if (parentId != null) {
                requireExists(connection, parentId, "parentId");
            }
            Department department = new Department(UUID.randomUUID().toString(), name.strip(), parentId);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO platform.department (id, name, parent_id) VALUES (?, ?, ?)")) {
                insert.setString(1, department.id());
                insert.setString(2, department.name());
                insert.setString(3, parentId);
                insert.executeUpdate();
            }
            return department;
        });
    }

    /**
     * Renames or moves a department.
     *
     * @throws ProblemException INVALID_FIELD when the move would put it below itself
     */
    public Department update(String id, String name, String parentId) {
        checkName(name);
        return database.inTransaction(connection -> {
            requireExists(connection, id, "id");
            if (parentId != null) {
                requireExists(connection, parentId, "parentId");
                if (subtree(all(connection), id).contains(parentId)) {
                    throw ProblemException.invalid("parentId", "A department cannot be placed below itself");
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE platform.department SET name = ?, parent_id = ? WHERE id = ?")) {
                update.setString(1, name.strip());
                update.setString(2, parentId);
                update.setString(3, id);
                update.executeUpdate();
            }
            return new Department(id, name.strip(), parentId);
        });
    }

    /**
     * Removes an empty department.
     *
     * @throws ProblemException CONFLICT when users or departments are still in it
     */
    public void delete(String id) {
        database.inTransaction(connection -> {
            requireExists(connection, id, "id");
            for (String sql : List.of("SELECT COUNT(*) FROM platform.department WHERE parent_id = ?",
                    "SELECT COUNT(*) FROM platform.app_user WHERE department_id = ?")) {
                try (PreparedStatement count = connection.prepareStatement(sql)) {
                    count.setString(1, id);
                    try (ResultSet rows = count.executeQuery()) {
                        rows.next();
                        if (rows.getLong(1) > 0) {
                            throw ProblemException.conflict("The department still has users or departments in it");
                        }
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM platform.department WHERE id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** @return the department and every department below it */
    public Set<String> subtree(String id) {
        return subtree(list(), id);
    }

    /** @throws ProblemException INVALID_FIELD when the department does not exist */
    public void requireExists(String id, String field) {
        database.inTransaction(connection -> {
            requireExists(connection, id, field);
            return null;
        });
    }

    private static Set<String> subtree(List<Department> all, String id) {
        Map<String, List<String>> children = new HashMap<>();
        for (Department d : all) {
            if (d.parentId() != null) {
                children.computeIfAbsent(d.parentId(), k -> new ArrayList<>()).add(d.id());
            }
        }
        Set<String> found = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(id));
        while (!todo.isEmpty()) {
            String next = todo.remove(todo.size() - 1);
            if (found.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return found;
    }

    private static List<Department> all(Connection connection) throws SQLException {
        List<Department> list = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, name, parent_id FROM platform.department ORDER BY name, id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                list.add(new Department(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
        }
        return list;
    }

    private static void requireExists(Connection connection, String id, String field) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM platform.department WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    if (field.equals("id")) {
                        throw ProblemException.notFound("department", id);
                    }
                    throw ProblemException.invalid(field, "There is no department '" + id + "'");
                }
            }
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("name", "A department needs a name");
        }
        if (name.length() > 200) {
            throw ProblemException.invalid("name", "The name must not be longer than 200 characters");
        }
    }
}
