package org.tesseracrm.platform.internal.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Security settings, configuration {@value #PID} ({@code etc/org.tesseracrm.security.cfg}); changes
 * apply without a restart.
 */
@ObjectClassDefinition(name = "Tessera security",
        description = "Sessions, login throttling and the recycle bin")
public @interface SecuritySettings {
    /** The configuration's persistent id. */
    String PID = "org.tesseracrm.security";

    /** @return minutes without a request after which a console session ends */
    @AttributeDefinition(name = "Session idle timeout (minutes)", min = "1")
    int sessionIdleMinutes() default 30;

    /** @return hours after login after which a console session ends whatever happens */
    @AttributeDefinition(name = "Session absolute timeout (hours)", min = "1")
    int sessionAbsoluteHours() default 10;

    /** @return failed logins a name may have before it is throttled */
    @AttributeDefinition(name = "Failed logins before throttling", min = "1")
    int loginAttempts() default 5;

    /** @return minutes in which the allowed failures come back */
    @AttributeDefinition(name = "Throttling window (minutes)", min = "1")
    int loginWindowMinutes() default 15;

    /** @return failed logins one client address may have in the window, over all names */
    @AttributeDefinition(name = "Failed logins per client address", min = "1")
    int loginAttemptsPerAddress() default 100;

    /** @return days a deleted record stays restorable in the recycle bin before it is purged */
    @AttributeDefinition(name = "Recycle bin (days)", min = "1")
    int recycleBinDays() default 30;
}
