package org.tesseracrm.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one place that decides what the {@link CurrentUser} may do. Record stores consult it for every
 * query and change; a plugin whose data are not records (or that adds checks of its own) asks it too.
 * Plugins can only narrow what it allows, never widen it.
 */
@ProviderType
public interface Access {

    /** @return whether the current user may do the action on the entity */
    boolean permits(String entity, Action action);

    /**
     * Demands a permission; a refusal is audited.
     *
     * @throws org.tesseracrm.api.ProblemException FORBIDDEN when the current user may not
     */
    void require(String entity, Action action);
}
