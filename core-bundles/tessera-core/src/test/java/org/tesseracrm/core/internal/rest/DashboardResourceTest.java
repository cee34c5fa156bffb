package org.tesseracrm.core.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tesseracrm.api.crm.Activity;
import org.tesseracrm.api.crm.ActivityType;
import org.tesseracrm.api.crm.Deal;
import org.tesseracrm.api.crm.Pipeline;
import org.tesseracrm.api.crm.Stage;
import org.tesseracrm.api.crm.StageKind;
import org.tesseracrm.core.internal.rest.DashboardResource.Dashboard;
import org.tesseracrm.core.internal.rest.DashboardResource.StageSummary;

/** The dashboard's sums: funnel per stage and currency, this month's outcomes, today's and overdue activities per zone. */
class DashboardResourceTest {
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    /** 10:00 in Moscow on 2026-11-23. */
    private static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

    private final Pipeline sales = new Pipeline("p1", 1L, "Sales", List.of(
            new Stage("lead", "Lead", StageKind.OPEN, 10),
            new Stage("won", "Won", StageKind.WON, 100),
            new Stage("lost", "Lost", StageKind.LOST, 0)), null, null, null, null, null, null);

    @Test
    void theFunnelCountsAndSumsDealsPerStageAndCurrency() {
        Dashboard dashboard = DashboardResource.summarize(List.of(sales), List.of(
                deal("lead", "100.50", "RUB", NOW),
                deal("lead", "200", "RUB", NOW),
                deal("lead", "7", "EUR", NOW),
                deal("lead", null, "RUB", NOW),
                deal("gone", "999", "RUB", NOW)), List.of(), NOW, MOSCOW);
        StageSummary lead = dashboard.funnel().get(0);
        assertEquals(List.of("lead", "won", "lost"), dashboard.funnel().stream().map(StageSummary::stageId).toList());
        assertEquals(4, lead.count());
        assertEquals(Map.of("RUB", new BigDecimal("300.50"), "EUR", new BigDecimal("7")), lead.amounts());
        assertEquals(0, dashboard.funnel().get(1).count());
    }

    @Test
    void wonAndLostCountOnlyDealsChangedThisMonthInTheCallersZone() {
        // 2026-10-31T21:30Z is already November 1st in Moscow, but still October in UTC
        Instant firstOfNovemberInMoscow = Instant.parse("2026-10-31T21:30:00Z");
        List<Deal> deals = List.of(
                deal("won", "10", "RUB", firstOfNovemberInMoscow),
                deal("won", "20", "RUB", Instant.parse("2026-10-15T12:00:00Z")),
                deal("lost", "5", "RUB", NOW));
        Dashboard moscow = DashboardResource.summarize(List.of(sales), deals, List.of(), NOW, MOSCOW);
        assertEquals(1, moscow.wonThisMonth().count());
        assertEquals(Map.of("RUB", new BigDecimal("10")), moscow.wonThisMonth().amounts());
        assertEquals(1, moscow.lostThisMonth().count());
        assertEquals("2026-11", moscow.month());
        Dashboard utc = DashboardResource.summarize(List.of(sales), deals, List.of(), NOW, ZoneId.of("UTC"));
        assertEquals(0, utc.wonThisMonth().count());
        assertEquals(2, utc.funnel().get(1).count());
    }

    @Test
    void activitiesAreDueTodayOrOverdueByTheCallersDay() {
        List<Activity> open = List.of(
                activity(ActivityType.CALL, "2026-11-23T05:00:00Z", false),  // 08:00 Moscow, passed: overdue
                activity(ActivityType.CALL, "2026-11-23T15:00:00Z", false),  // 18:00 Moscow: today
                activity(ActivityType.TASK, "2026-11-23T20:59:00Z", false),  // 23:59 Moscow: today
                activity(ActivityType.TASK, "2026-11-23T21:00:00Z", false),  // tomorrow in Moscow
                activity(ActivityType.EMAIL, "2026-11-01T10:00:00Z", false), // overdue
                activity(ActivityType.EMAIL, "2026-11-01T10:00:00Z", true),  // done: not counted
                activity(ActivityType.MEETING, null, false));                // no due date
        Dashboard dashboard = DashboardResource.summarize(List.of(sales), List.of(), open, NOW, MOSCOW);
        assertEquals(2, dashboard.activities().dueToday());
        assertEquals(2, dashboard.activities().overdue());
        assertEquals(Map.of("CALL", 1, "TASK", 1), dashboard.activities().dueTodayByType());
        assertEquals(Map.of("CALL", 1, "EMAIL", 1), dashboard.activities().overdueByType());
    }

    private static Deal deal(String stage, String amount, String currency, Instant updatedAt) {
        return new Deal("d-" + Math.random(), 1L, "Deal", null, null, amount == null ? null : new BigDecimal(amount),
                currency, "p1", stage, null, null, List.of(), null, "anna", updatedAt, "anna", updatedAt, "anna", null);
    }

    private static Activity activity(ActivityType type, String dueAt, boolean done) {
        return new Activity("a-" + Math.random(), 1L, type, "Call back", dueAt == null ? null : Instant.parse(dueAt), done,
                null, null, null, null, "anna", null, null, null, null, null);
    }
}
