/**
 * The dashboard: the sales funnel by stage with amounts, deals won and lost this month, and the
 * activities due today and overdue, from GET /api/v1/dashboard, as ECharts charts with the figures beside.
 */
const COLORS = ['#2457c5', '#3d73e0', '#5b8ded', '#7fa7f2', '#a3c0f6', '#c3d5f9'];

export async function render(element, kit) {
  const { h, t, format } = kit;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const data = await kit.api.get('/dashboard', { zone });
  const currency = mainCurrency(data.funnel);
  const amountOf = (amounts) => Number((amounts || {})[currency] || 0);
  const open = data.funnel.filter((s) => s.kind === 'OPEN');
  const openCount = open.reduce((sum, s) => sum + s.count, 0);
  const openAmount = open.reduce((sum, s) => sum + amountOf(s.amounts), 0);
  const pipelines = [...new Set(data.funnel.map((s) => s.pipelineName))];
  const stageLabel = (s) => (pipelines.length > 1 ? s.pipelineName + ' · ' : '') + s.stageName;

  const stat = (test, label, value, sub, kind) => h('div', { class: 't-card', 'data-stat': test },
    h('div', { class: 't-stat-label' }, label),
    h('div', { class: 't-stat' + (kind ? ' ' + kind : '') }, value),
    sub ? h('div', { class: 't-stat-sub' }, sub) : null);

  const funnelChart = h('div', { class: 't-chart', role: 'img', 'aria-label': t('dashboard.funnel', 'Sales funnel') });
  const outcomeChart = h('div', { class: 't-chart small', role: 'img', 'aria-label': t('dashboard.outcome', 'Won and lost this month') });
  const agendaChart = h('div', { class: 't-chart small', role: 'img', 'aria-label': t('dashboard.activities', 'Activities') });

  element.replaceChildren(h('div', { class: 't-page' },
    h('div', { class: 't-page-header' }, h('h1', {}, t('dashboard.title', 'Dashboard'))),
    h('div', { class: 't-grid' },
      stat('open', t('dashboard.open', 'Open deals'), format.number(openCount), format.money(openAmount, currency)),
      stat('won', t('dashboard.won', 'Won this month'), format.number(data.wonThisMonth.count), format.money(amountOf(data.wonThisMonth.amounts), currency)),
      stat('lost', t('dashboard.lost', 'Lost this month'), format.number(data.lostThisMonth.count), format.money(amountOf(data.lostThisMonth.amounts), currency)),
      stat('due-today', t('dashboard.dueToday', 'Due today'), format.number(data.activities.dueToday)),
      stat('overdue', t('dashboard.overdue', 'Overdue'), format.number(data.activities.overdue))),
    h('div', { class: 't-columns' },
      h('div', { class: 't-card' }, h('h2', {}, t('dashboard.funnel', 'Sales funnel')), funnelChart,
        h('table', { class: 't-simple', 'data-test': 'funnel' },
          h('thead', {}, h('tr', {}, h('th', {}, t('dashboard.stage', 'Stage')), h('th', { class: 'num' }, t('dashboard.deals', 'Deals')), h('th', { class: 'num' }, t('dashboard.amount', 'Amount')))),
          h('tbody', {}, data.funnel.map((s) => h('tr', { 'data-stage': s.stageId },
            h('td', {}, stageLabel(s)), h('td', { class: 'num' }, format.number(s.count)),
            h('td', { class: 'num' }, Object.entries(s.amounts).map(([c, a]) => format.money(a, c || currency)).join(' + ') || '—')))))),
      h('div', {},
        h('div', { class: 't-card' }, h('h2', {}, t('dashboard.outcome', 'Won and lost this month')), outcomeChart),
        h('div', { class: 't-card' }, h('h2', {}, t('dashboard.activities', 'Activities')), agendaChart)))));

  await Promise.all([
    kit.ui.chart(funnelChart, {
      color: COLORS,
      grid: { left: 8, right: 110, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p) => escape(p.name) + '<br>' + format.money(p.value, currency) + ' · ' + format.number(p.data.count) + ' ' + t('dashboard.deals', 'Deals').toLowerCase() },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: open.map(stageLabel), axisTick: { show: false }, axisLine: { show: false } },
      series: [{
        type: 'bar', barWidth: '60%', colorBy: 'data',
        label: { show: true, position: 'right', formatter: (p) => format.money(p.value, currency) + ' · ' + format.number(p.data.count) },
        data: open.map((s) => ({ value: amountOf(s.amounts), count: s.count })),
      }],
    }),
    kit.ui.chart(outcomeChart, {
      grid: { left: 12, right: 110, top: 16, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v) => format.money(v, currency) },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: [t('stage.WON', 'Won'), t('stage.LOST', 'Lost')] },
      series: [{
        type: 'bar', barWidth: '45%',
        label: { show: true, position: 'right', formatter: (p) => format.money(p.value, currency) },
        data: [
          { value: amountOf(data.wonThisMonth.amounts), itemStyle: { color: '#1f8a4c' } },
          { value: amountOf(data.lostThisMonth.amounts), itemStyle: { color: '#c0362c' } },
        ],
      }],
    }),
    kit.ui.chart(agendaChart, {
      grid: { left: 12, right: 16, top: 36, bottom: 24, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: ['CALL', 'MEETING', 'EMAIL', 'TASK'].map((type) => t('activity.' + type, type)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dashboard.dueToday', 'Due today'), type: 'bar', color: '#2457c5', data: ['CALL', 'MEETING', 'EMAIL', 'TASK'].map((type) => data.activities.dueTodayByType[type] || 0) },
        { name: t('dashboard.overdue', 'Overdue'), type: 'bar', color: '#e0862b', data: ['CALL', 'MEETING', 'EMAIL', 'TASK'].map((type) => data.activities.overdueByType[type] || 0) },
      ],
    }),
  ]);
}

function mainCurrency(funnel) {
  const totals = {};
  for (const stage of funnel) {
    for (const [currency, amount] of Object.entries(stage.amounts || {})) {
      totals[currency] = (totals[currency] || 0) + Number(amount);
    }
  }
  const best = Object.entries(totals).sort((a, b) => b[1] - a[1])[0];
  return best && best[0] ? best[0] : 'RUB';
}

/** ECharts tooltips are HTML: stage names typed by users must stay text. */
function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
