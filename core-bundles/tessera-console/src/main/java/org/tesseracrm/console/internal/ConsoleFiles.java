package org.tesseracrm.console.internal;

import java.net.URL;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which file of the console's single-page app answers a path under {@code /console/}: the file
 * itself when the bundle has it, {@code index.html} for the app's own routes ({@code /console/deals/42}),
 * nothing for a missing asset (a file name with an extension), so a broken script link fails loudly
 * instead of receiving HTML.
 */
final class ConsoleFiles {
    /** The folder of the bundle the app lives in. */
    static final String ROOT = "console/";
    /** The app's one HTML page. */
    static final String INDEX = "index.html";

    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    /** A file to send: where it is in the bundle, its content type, and whether it may be cached for long. */
    record ConsoleFile(String path, URL url, String contentType, boolean immutable) {
    }

    private final Function<String, URL> bundleEntry;

    /** @param bundleEntry finds an entry of the console bundle by path ({@code Bundle::getEntry}) */
    ConsoleFiles(Function<String, URL> bundleEntry) {
        this.bundleEntry = bundleEntry;
    }

    /**
     * @param pathInfo the path below {@code /console} ({@code /}, {@code /app.js}, {@code /contacts/7})
     * @return the file that answers it, empty for a missing asset or a path that tries to leave the app
     */
    Optional<ConsoleFile> find(String pathInfo) {
        String path = pathInfo == null ? "" : pathInfo;
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.contains("..") || path.contains("\\") || path.contains("//") || path.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        if (path.isEmpty() || path.endsWith("/")) {
            path = path.isEmpty() ? INDEX : path;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (!path.endsWith("/")) {
            URL url = bundleEntry.apply(ROOT + path);
            if (url != null && dot > 0) {
                String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
                String type = CONTENT_TYPES.get(extension);
                if (type != null) {
                    return Optional.of(new ConsoleFile(path, url, type, path.startsWith("lib/")));
                }
                return Optional.empty();
            }
        }
        if (dot > 0) {
            return Optional.empty();
        }
        URL index = bundleEntry.apply(ROOT + INDEX);
        return index == null ? Optional.empty()
                : Optional.of(new ConsoleFile(INDEX, index, CONTENT_TYPES.get("html"), false));
    }
}
