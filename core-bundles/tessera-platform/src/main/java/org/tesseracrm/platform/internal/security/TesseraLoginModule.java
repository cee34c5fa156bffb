package org.tesseracrm.platform.internal.security;

import java.io.IOException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.tesseracrm.api.security.TesseraUser;

/**
 * The JAAS login module of the {@code tessera} realm: checks a name and password against
 * {@link UserAccounts} and gives the subject a user principal and one role principal per role.
 * Administrators also get Karaf's {@code admin} and {@code ssh} roles, so the same account works in the
 * Karaf shell.
 */
public final class TesseraLoginModule implements LoginModule {
    /** Option holding the {@link UserAccounts} instance. */
    static final String ACCOUNTS_OPTION = "tessera.accounts";

    private Subject subject;
    private CallbackHandler handler;
    private UserAccounts accounts;
    private TesseraUser user;
    private final List<Principal> principals = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.handler = callbackHandler;
        this.accounts = (UserAccounts) options.get(ACCOUNTS_OPTION);
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("Cannot ask for credentials: " + e.getMessage());
        }
        if (name.getName() == null || password.getPassword() == null || accounts == null) {
            throw new FailedLoginException("Wrong username or password");
        }
        Optional<TesseraUser> verified = accounts.verify(name.getName(), password.getPassword());
        password.clearPassword();
        user = verified.orElseThrow(() -> new FailedLoginException("Wrong username or password"));
        return true;
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principals.add(new UserPrincipal(user.username()));
        for (String role : user.roles()) {
            principals.add(new RolePrincipal(role));
        }
        if (user.hasRole(TesseraUser.ADMINISTRATOR)) {
            for (String karafRole : List.of("admin", "manager", "viewer", "systembundles", "ssh")) {
                principals.add(new RolePrincipal(karafRole));
            }
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        user = null;
        principals.clear();
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        user = null;
        return true;
    }
}
