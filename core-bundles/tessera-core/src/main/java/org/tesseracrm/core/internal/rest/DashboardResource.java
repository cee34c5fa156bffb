package org.tesseracrm.core.internal.rest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.tesseracrm.api.ProblemException;
import org.tesseracrm.api.crm.Activities;
import org.tesseracrm.api.crm.Activity;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.Deals;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Pipelines;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.api.data.Page;
import org.tesseracrm.api.data.Query;
import org.tesseracrm.api.data.Records;
import org.tesseracrm.api.rest.TesseraApi;

/**
 * {@code GET /api/v1/dashboard?zone=Europe/Moscow}: what the console's dashboard shows, computed on the
 * server so the browser does not page through every deal: the sales funnel (deals and amounts per stage of
 * every pipeline), deals won and lost this month, and the open activities due today and overdue. It counts
 * only the records the caller may see. "This month" and "today" are in the caller's time zone ({@code zone},
 * an IANA name; the server's zone without it). A deal counts as won or lost this month when it sits in a
 * won or lost stage and was last changed this month.
 */
@Component(service = DashboardResource.class)
@JaxrsResource
@JaxrsApplicationSelect(TesseraApi.APPLICATION_SELECT)
@Path("dashboard")
@Produces(MediaType.APPLICATION_JSON)
public final class DashboardResource {
    private final Pipelines pipelines;
    private final Deals deals;
    private final Activities activities;

    /** Reads pipelines, deals and activities. */
    @Activate
    public DashboardResource(@Reference Pipelines pipelines, @Reference Deals deals,
            @Reference Activities activities) {
        this.pipelines = pipelines;
        this.deals = deals;
        this.activities = activities;
    }

    /** One stage of the funnel: how many deals sit in it, and their amounts per currency. */
    public record StageSummary(String pipelineId, String pipelineName, String stageId, String stageName,
            StageKind kind, int count, Map<String, BigDecimal> amounts) {
    }

    /** Deals that reached won (or lost) stages this month. */
    public record Outcome(int count, Map<String, BigDecimal> amounts) {
    }

    /** Open activities due today and overdue, with the counts per activity type. */
    public record Agenda(int dueToday, int overdue, Map<String, Integer> dueTodayByType,
            Map<String, Integer> overdueByType) {
    }

    /** The whole dashboard. */
    public record Dashboard(List<StageSummary> funnel, Outcome wonThisMonth, Outcome lostThisMonth,
            Agenda activities, String month, String zone) {
    }

    /**
     * @param zone the caller's time zone; the server's when absent
     * @return the dashboard of what the caller may see
     */
    @GET
    public Dashboard dashboard(@QueryParam("zone") String zone) {
        ZoneId zoneId;
        try {
            zoneId = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("zone", "zone must be a time zone name such as Europe/Moscow, not '"
                    + zone + "'");
        }
        List<Pipeline> allPipelines = new ArrayList<>();
        each(pipelines, Query.firstPage(), allPipelines::add);
        List<Deal> allDeals = new ArrayList<>();
        each(deals, Query.firstPage(), allDeals::add);
        List<Activity> open = new ArrayList<>();
        each(activities, Query.firstPage().where("done", "false"), open::add);
        return summarize(allPipelines, allDeals, open, Instant.now(), zoneId);
    }

    /**
     * Computes the dashboard.
     *
     * @param pipelines      every pipeline
     * @param deals          every deal the caller may see
     * @param openActivities the activities not done yet
     * @param now            the moment "today" and "this month" are taken from
     * @param zone           the caller's time zone
     * @return the dashboard
     */
    static Dashboard summarize(List<Pipeline> pipelines, List<Deal> deals, List<Activity> openActivities,
            Instant now, ZoneId zone) {
        Map<String, StageSummary> funnel = new LinkedHashMap<>();
        Map<String, StageKind> kinds = new LinkedHashMap<>();
        for (Pipeline pipeline : pipelines) {
            for (Stage stage : pipeline.stages()) {
                String key = pipeline.id() + "/" + stage.id();
                funnel.put(key, new StageSummary(pipeline.id(), pipeline.name(), stage.id(), stage.name(),
                        stage.kind(), 0, new TreeMap<>()));
                kinds.put(key, stage.kind());
            }
        }
        ZonedDateTime today = now.atZone(zone);
        Instant monthStart = today.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
        int won = 0;
        int lost = 0;
        Map<String, BigDecimal> wonAmounts = new TreeMap<>();
        Map<String, BigDecimal> lostAmounts = new TreeMap<>();
        for (Deal deal : deals) {
            String key = deal.pipelineId() + "/" + deal.stageId();
            StageSummary stage = funnel.get(key);
            if (stage == null) {
                continue;
            }
            funnel.put(key, new StageSummary(stage.pipelineId(), stage.pipelineName(), stage.stageId(),
                    stage.stageName(), stage.kind(), stage.count() + 1, add(stage.amounts(), deal)));
            boolean thisMonth = deal.updatedAt() != null && !deal.updatedAt().isBefore(monthStart);
            if (thisMonth && kinds.get(key) == StageKind.WON) {
                won++;
                add(wonAmounts, deal);
            } else if (thisMonth && kinds.get(key) == StageKind.LOST) {
                lost++;
                add(lostAmounts, deal);
            }
        }
        LocalDate day = today.toLocalDate();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        Map<String, Integer> dueTodayByType = new TreeMap<>();
        Map<String, Integer> overdueByType = new TreeMap<>();
        int dueToday = 0;
        int overdue = 0;
        for (Activity activity : openActivities) {
            if (Boolean.TRUE.equals(activity.done()) || activity.dueAt() == null) {
                continue;
            }
            String type = activity.type() == null ? "TASK" : activity.type().name();
            if (activity.dueAt().isBefore(now)) {
                overdue++;
                overdueByType.merge(type, 1, Integer::sum);
            } else if (!activity.dueAt().isBefore(dayStart) && activity.dueAt().isBefore(dayEnd)) {
                dueToday++;
                dueTodayByType.merge(type, 1, Integer::sum);
            }
        }
        return new Dashboard(List.copyOf(funnel.values()), new Outcome(won, wonAmounts), new Outcome(lost, lostAmounts),
                new Agenda(dueToday, overdue, dueTodayByType, overdueByType),
                day.withDayOfMonth(1).toString().substring(0, 7), zone.getId());
    }

    private static Map<String, BigDecimal> add(Map<String, BigDecimal> amounts, Deal deal) {
        if (deal.amount() != null) {
            amounts.merge(deal.currency() == null ? "" : deal.currency(), deal.amount(), BigDecimal::add);
        }
        return amounts;
    }

    private static <T> void each(Records<T> records, Query query, Consumer<T> action) {
        int offset = 0;
        while (true) {
            Page<T> page = records.list(query.page(offset, Query.MAX_LIMIT));
            page.items().forEach(action);
            offset += page.items().size();
            if (page.items().isEmpty() || offset >= page.total()) {
                return;
            }
        }
    }
}
