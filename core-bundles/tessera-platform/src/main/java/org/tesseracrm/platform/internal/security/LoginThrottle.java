package org.tesseracrm.platform.internal.security;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

import io.github.bucket4j.Bucket;

/**
 * Slows down password guessing: each login name, and each client address, has a token bucket of failed
 * attempts (Bucket4j). A failure takes a token; with none left, attempts are refused without checking
 * the password until the bucket refills over the window. Names that do not exist are throttled exactly
 * like names that do, so the answers tell nothing about which accounts exist.
 */
@Component(service = LoginThrottle.class, configurationPid = SecuritySettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SecuritySettings.class)
public final class LoginThrottle {
    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile SecuritySettings settings;

    /** Starts with the settings. */
    @Activate
    public LoginThrottle(SecuritySettings settings) {
        this.settings = settings;
    }

    /** New settings apply to buckets made from now on. */
    @Modified
    void modified(SecuritySettings changed) {
        this.settings = changed;
        buckets.clear();
    }

    /**
     * @return seconds to wait before the name or the address may try again, 0 when they may try now
     */
    public long secondsToWait(String username, String address) {
        return Math.max(wait(nameKey(username), settings.loginAttempts()),
                wait(addressKey(address), settings.loginAttemptsPerAddress()));
    }

    /** Counts a failed attempt against the name and the address. */
    public void failed(String username, String address) {
        bucket(nameKey(username), settings.loginAttempts()).tryConsume(1);
        bucket(addressKey(address), settings.loginAttemptsPerAddress()).tryConsume(1);
    }

    /** A successful login clears the name's failures. */
    public void succeeded(String username) {
        buckets.remove(nameKey(username));
    }

    private long wait(String key, int capacity) {
        Bucket bucket = buckets.get(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return 0;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1);
    }

    private Bucket bucket(String key, int capacity) {
        if (buckets.size() >= MAX_TRACKED) {
            buckets.clear(); // a flood of names: forget rather than grow without bound
        }
        Duration window = Duration.ofMinutes(settings.loginWindowMinutes());
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build());
    }

    private static String nameKey(String username) {
        return "name:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }
}
