package org.tesseracrm.platform.internal.rest;

import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.ProblemType;
import org.tesseracrm.api.security.CurrentUser;
import org.tesseracrm.api.security.TesseraUser;

/** The check of resources that only administrators may use. */
final class Administrators {
    private Administrators() {
    }

    /** @throws ProblemException FORBIDDEN unless the current user is an administrator */
    static void only(String what) {
        if (!CurrentUser.get().hasRole(TesseraUser.ADMINISTRATOR)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only administrators " + what, null);
        }
    }
}
