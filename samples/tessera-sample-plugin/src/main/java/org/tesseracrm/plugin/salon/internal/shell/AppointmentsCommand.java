package org.tesseracrm.plugin.salon.internal.shell;

import java.time.Instant;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.plugin.salon.internal.data.Appointment;
import org.tesseracrm.plugin.salon.internal.data.AppointmentStatus;
import org.tesseracrm.plugin.salon.internal.data.Appointments;

/** {@code tessera:salon-appointments}: the booked appointments still to come, soonest first. */
@Command(scope = "tessera", name = "salon-appointments",
        description = "Lists the beauty salon's booked appointments that are still to come")
@Service
public class AppointmentsCommand implements Action {
    @Reference
    private Appointments appointments;

    @Option(name = "-n", aliases = "--limit", description = "How many to show (default 20)")
    private int limit = 20;

    @Override
    public Object execute() {
        int wanted = Math.max(1, Math.min(limit, Query.MAX_LIMIT));
        Query booked = new Query(0, Query.MAX_LIMIT, "startsAt", false, Map.of(), null, false)
                .where("status", AppointmentStatus.BOOKED.name());
        Instant now = Instant.now();
        ShellTable table = new ShellTable();
        table.column("Starts at");
        table.column("Minutes");
        table.column("Contact");
        table.column("Service");
        table.column("Id");
        int shown = 0;
        // Lists filter by equality only: page past the booked appointments that have already started.
        for (int offset = 0; shown < wanted; offset += Query.MAX_LIMIT) {
            Page<Appointment> page = appointments.list(booked.page(offset, Query.MAX_LIMIT));
            for (Appointment appointment : page.items()) {
                if (shown < wanted && appointment.startsAt().isAfter(now)) {
                    table.addRow().addContent(appointment.startsAt(), appointment.durationMinutes(),
                            appointment.contactId(), appointment.serviceId(), appointment.id());
                    shown++;
                }
            }
            if (offset + Query.MAX_LIMIT >= page.total()) {
                break;
            }
        }
        table.print(System.out);
        return null;
    }
}
