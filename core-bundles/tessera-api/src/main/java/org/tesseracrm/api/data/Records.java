package org.tesseracrm.api.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.tesseracrm.api.ProblemException;

/**
 * Create, read, update, soft-delete, restore and list records of one type. Every change bumps the
 * record's {@code version}, is written to the audit log in the same transaction, and is announced on
 * EventAdmin ({@code org/tesseracrm/<entity>/CREATED|UPDATED|DELETED|RESTORED}) after it commits.
 *
 * <p>Server-managed fields ({@code id}, {@code version}, timestamps, {@code createdBy},
 * {@code updatedBy}, {@code deletedAt}) are taken from the server, whatever the caller passes.
 *
 * @param <T> a record type annotated with {@link Entity}
 */
@ProviderType
public interface Records<T> {

    /** @return the entity name, as used in events, audit and errors ({@code contact}) */
    String entity();

    /** @return the record type */
    Class<T> type();

    /**
     * Stores a new record.
     *
     * @return the stored record with its id and version 1
     * @throws org.tesseracrm.api.ProblemException when a field is invalid
     */
    T create(T record);

    /**
     * Stores several new records at once, for imports: the same rules, validation, access checks, audit
     * entries and events as {@link #create} for each, all in one transaction (the caller's, when it runs
     * inside one). A refusal of one record refuses all and writes nothing; the problem's field names the
     * record by its index in the list ({@code [3].name}, or {@code [3]} when no field is at fault).
     *
     * <p>This default creates them one by one, so it is one transaction only inside the caller's; the
     * platform's stores override it with one transaction and batched writes.
     *
     * @param records the new records, in order
     * @return the stored records, in the same order, each with its id and version 1
     * @throws org.tesseracrm.api.ProblemException when a record is invalid or the caller may not create them
     * @since 1.2
     */
    default List<T> createAll(List<T> records) {
        List<T> stored = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                stored.add(create(records.get(i)));
            } catch (ProblemException e) {
                throw atIndex(i, e);
            }
        }
        return stored;
    }

    /** @return the problem with its field prefixed by the record's index in a list */
    private static ProblemException atIndex(int index, ProblemException problem) {
        String field = "[" + index + "]" + (problem.field() == null ? "" : "." + problem.field());
        ProblemException indexed = new ProblemException(problem.type(),
                "Record " + index + ": " + problem.getMessage(), field);
        indexed.setStackTrace(problem.getStackTrace());
        return indexed;
    }

    /** @return the live (not deleted) record with this id, if any */
    Optional<T> find(String id);

    /**
     * @return the live record with this id
     * @throws org.tesseracrm.api.ProblemException NOT_FOUND when there is none
     */
    T get(String id);

    /**
     * Replaces the record's fields.
     *
     * @param expectedVersion the version the caller read; a different current version is a
     *                        VERSION_CONFLICT and changes nothing
     * @return the stored record with its new version
     */
    T update(String id, long expectedVersion, T record);

    /**
     * Moves the record to the recycle bin (soft delete); it can be restored.
     *
     * @param expectedVersion the version the caller read, or {@code null} to delete whatever the version
     */
    void delete(String id, Long expectedVersion);

    /**
     * Brings a soft-deleted record back.
     *
     * @return the restored record
     */
    T restore(String id);

    /** @return one page of the records matching the query */
    Page<T> list(Query query);
}
