package org.tesseracrm.api.security;

import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The user on whose behalf the current thread works. The platform sets it for every authenticated
 * request; code that runs outside a request (jobs, event handlers) runs as {@link TesseraUser#SYSTEM}
 * unless it enters another user's scope.
 */
public final class CurrentUser {
    private static final ThreadLocal<TesseraUser> CURRENT = new ThreadLocal<>();

    private CurrentUser() {
    }

    /** @return the acting user, {@link TesseraUser#SYSTEM} when none was set */
    public static TesseraUser get() {
        TesseraUser user = CURRENT.get();
        return user == null ? TesseraUser.SYSTEM : user;
    }

    /**
     * Acts as a user until the returned scope is closed; scopes nest.
     *
     * @return the scope, to close in a try-with-resources
     */
    public static Scope enter(TesseraUser user) {
        Objects.requireNonNull(user, "user");
        TesseraUser previous = CURRENT.get();
        CURRENT.set(user);
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    /** Runs work as a user and returns its result. */
    public static <V> V runAs(TesseraUser user, Callable<V> work) throws Exception {
        try (Scope ignored = enter(user)) {
            return work.call();
        }
    }

    /** A user's scope on this thread. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        /** Leaves the scope: the previous user acts again. */
        @Override
        void close();
    }
}
