package org.tesseracrm.platform.internal.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.rest.TesseraApi;
import org.tesseracrm.spi.kpi.KpiMetric;

/**
 * {@code GET /api/v1/metrics?from=&to=&ownerId=}: every KPI metric present, measured for a period
 * (this month by default).
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public final class MetricsResource {
    private final List<KpiMetric> metrics = new CopyOnWriteArrayList<>();

    /** A metric appears. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetric(KpiMetric metric) {
        metrics.add(metric);
    }

    /** A metric goes away. */
    void removeMetric(KpiMetric metric) {
        metrics.remove(metric);
    }

    /** @return id, name, unit and value of each metric */
    @GET
    public List<Map<String, Object>> measure(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("ownerId") String ownerId) {
        LocalDate today = LocalDate.now();
        LocalDate start = date("from", from, today.withDayOfMonth(1));
        LocalDate end = date("to", to, today.withDayOfMonth(today.lengthOfMonth()));
        if (end.isBefore(start)) {
            throw ProblemException.invalid("to", "to must not be before from");
        }
        List<KpiMetric> present = new ArrayList<>(metrics);
        present.sort(Comparator.comparing(KpiMetric::id));
        List<Map<String, Object>> values = new ArrayList<>();
        for (KpiMetric metric : present) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("id", metric.id());
            value.put("name", metric.name());
            value.put("unit", metric.unit());
            value.put("from", start.toString());
            value.put("to", end.toString());
            value.put("value", metric.measure(start, end, ownerId));
            values.add(value);
        }
        return values;
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, name + " must be a date like 2026-12-31");
        }
    }
}
