package org.tesseracrm.platform.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tesseracrm.platform.internal.plugins.PluginRegistry;
import org.tesseracrm.platform.internal.plugins.PluginStatus;

/** {@code tessera:plugins}: the installed plugins with state, version and schema. */
@Command(scope = "tessera", name = "plugins", description = "Lists the installed Tessera plugins and their state")
@Service
public class PluginsCommand implements Action {
    @Reference
    private PluginRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Name");
        table.column("Version");
        table.column("State");
        table.column("Schema");
        table.column("Reason");
        for (PluginStatus plugin : registry.plugins()) {
            table.addRow().addContent(plugin.id(), plugin.name(), plugin.version(), plugin.state(),
                    plugin.schema() == null ? "" : plugin.schema() + " v" + plugin.schemaVersion(),
                    plugin.reason() == null ? "" : plugin.reason());
        }
        table.print(System.out);
        return null;
    }
}
