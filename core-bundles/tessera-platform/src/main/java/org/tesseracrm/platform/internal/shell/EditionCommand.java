package org.tesseracrm.platform.internal.shell;

import java.util.EnumSet;

import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tesseracrm.platform.internal.rest.PlatformResource;

/**
 * {@code tessera:edition [edition]}: prints the running edition, or moves the running system to a
 * bigger one — the same as {@code feature:install --no-auto-refresh tessera-edition-<edition>}; no
 * restart, and data stays as it is.
 */
@Command(scope = "tessera", name = "edition", description = "Shows the running edition, or installs a bigger one")
@Service
public class EditionCommand implements Action {
    @Reference
    private PlatformResource platform;

    @Reference
    private FeaturesService features;

    @Argument(index = 0, name = "edition", description = "standard, professional, professional-plus, enterprise, "
            + "enterprise-plus or media", required = false)
    private String edition;

    @Override
    public Object execute() throws Exception {
        String running = platform.edition();
        if (edition == null) {
            System.out.println("Edition: " + running);
            return null;
        }
        if (!PlatformResource.EDITIONS.contains(edition)) {
            System.err.println("Unknown edition '" + edition + "'; one of " + PlatformResource.EDITIONS);
            return null;
        }
        features.installFeature("tessera-edition-" + edition, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        System.out.println("Edition: " + platform.edition() + " (was " + running + ")");
        return null;
    }
}
