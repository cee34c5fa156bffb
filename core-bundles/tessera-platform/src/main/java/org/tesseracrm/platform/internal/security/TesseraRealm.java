package org.tesseracrm.platform.internal.security;

import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registers the {@code tessera} JAAS realm with Karaf, backed by {@link TesseraLoginModule}. */
@Component(service = {JaasRealm.class, TesseraRealm.class})
public final class TesseraRealm implements JaasRealm {
    /** The realm's name. */
    public static final String NAME = "tessera";

    private final AppConfigurationEntry[] entries;

    /** Builds the realm's one login-module entry. */
    @Activate
    public TesseraRealm(BundleContext context, @Reference UserAccounts accounts) {
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, TesseraLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(BundleContext.class.getName(), context);
        options.put(TesseraLoginModule.ACCOUNTS_OPTION, accounts);
        entries = new AppConfigurationEntry[] {new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)};
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return 0;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }
}
