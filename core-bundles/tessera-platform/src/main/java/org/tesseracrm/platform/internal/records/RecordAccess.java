package org.tesseracrm.platform.internal.records;

import java.util.Set;

import org.tesseracrm.api.security.Action;
import org.tesseracrm.api.security.CurrentUser;

/** What record stores ask before every query and change: may the current user, and whose records. */
public interface RecordAccess {

    /** Lets everyone do everything: for tests of other concerns and tools that run as the system. */
    RecordAccess UNRESTRICTED = new RecordAccess() {
        @Override
        public Scope scope(String entity, Action action) {
            return new Scope(CurrentUser.get().username(), null, true);
        }

        @Override
        public void denied(String entity, String id, Action action) {
        }
    };

    /**
     * Demands a permission of the current user.
     *
     * @return whose records the user may act on
     * @throws org.tesseracrm.api.ProblemException FORBIDDEN (audited) when the user may not
     */
    Scope scope(String entity, Action action);

    /** Notes in the audit log that the current user asked for a record they may not see. */
    void denied(String entity, String id, Action action);

    /**
     * Whose records a user may act on.
     *
     * @param username the user
     * @param owners   the owners whose records they see; {@code null} for every record
     * @param reassign whether they may give records to other owners
     */
    record Scope(String username, Set<String> owners, boolean reassign) {
        /** @return whether every record is visible */
        public boolean all() {
            return owners == null;
        }

        /** @return whether a record of that owner is visible without a share */
        public boolean owns(String owner) {
            return owners == null || owners.contains(owner);
        }
    }
}
