package org.tesseracrm.platform.internal.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.tesseracrm.api.data.Database.Dialect;

/**
 * Chooses a bundle's migration scripts for a dialect. Scripts live in {@value #FOLDER}; a file of the
 * same version in the dialect's sub-folder ({@code derby/}, {@code postgresql/}) replaces the common one.
 */
public final class MigrationScripts {
    /** Where a bundle keeps its migrations. */
    public static final String FOLDER = "TESSERA-INF/db";

    private static final Pattern NAME = Pattern.compile("V(\\d{1,9})__([A-Za-z0-9_]+)\\.sql");

    private MigrationScripts() {
    }

    /**
     * @param files paths below the bundle root ({@code TESSERA-INF/db/derby/V001__x.sql}) to their text
     * @return the scripts to run, by version
     * @throws MigrationException when two files claim the same version or a name is malformed
     */
    public static List<MigrationScript> select(Map<String, String> files, Dialect dialect) {
        Map<Integer, MigrationScript> common = new TreeMap<>();
        Map<Integer, MigrationScript> specific = new TreeMap<>();
        String dialectFolder = FOLDER + "/" + Dialects.folder(dialect) + "/";
        for (Map.Entry<String, String> file : files.entrySet()) {
            String path = file.getKey().startsWith("/") ? file.getKey().substring(1) : file.getKey();
            String name = path.substring(path.lastIndexOf('/') + 1);
            String folder = path.substring(0, path.length() - name.length());
            Map<Integer, MigrationScript> target;
            if (folder.equals(FOLDER + "/")) {
                target = common;
            } else if (folder.equals(dialectFolder)) {
                target = specific;
            } else {
                continue; // another dialect's file
            }
            Matcher matcher = NAME.matcher(name);
            if (!matcher.matches()) {
                throw new MigrationException(path + " is not named V<number>__<description>.sql");
            }
            MigrationScript script = new MigrationScript(Integer.parseInt(matcher.group(1)),
                    matcher.group(2).replace('_', ' '), path, file.getValue());
            MigrationScript clash = target.put(script.version(), script);
            if (clash != null) {
                throw new MigrationException(path + " and " + clash.resource() + " have the same version");
            }
        }
        Map<Integer, MigrationScript> chosen = new TreeMap<>(common);
        chosen.putAll(specific);
        List<MigrationScript> scripts = new ArrayList<>(chosen.values());
        scripts.sort(Comparator.comparingInt(MigrationScript::version));
        return scripts;
    }
}
