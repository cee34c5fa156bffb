/**
 * The pipeline board: a column per stage, a card per deal. Cards move between stages by dragging with
 * pointer events (mouse, touch, pen, WebDriver actions alike) or from the keyboard (← →). A move saves the
 * deal with If-Match; if someone else changed it meanwhile, the card goes back and their change is shown.
 */
import { showConflict } from '/console/records.js';

const PER_STAGE = 50;
let cleanup = [];

export function dispose() {
  cleanup.forEach((fn) => fn());
  cleanup = [];
}

export async function render(element, kit) {
  const { h, t, format } = kit;
  const pipelines = (await kit.api.get('/pipelines', { limit: 100 })).items;
  const chosen = kit.route.query.get('pipeline');
  const pipeline = pipelines.find((p) => p.id === chosen) || pipelines[0];
  const board = h('div', { class: 't-board', 'data-test': 'board' });
  const picker = pipelines.length > 1 ? h('select', {
    'aria-label': t('deals.pipeline', 'Pipeline'),
    onchange: (e) => kit.navigate('/deals?pipeline=' + encodeURIComponent(e.target.value)),
  }, pipelines.map((p) => h('option', { value: p.id, selected: p === pipeline }, p.name))) : null;
  element.replaceChildren(h('div', { class: 't-page' },
    h('div', { class: 't-page-header' }, h('h1', {}, pipeline ? pipeline.name : t('deals.board', 'Pipeline')), picker,
      h('div', { class: 't-actions' },
        h('button', { type: 'button', class: 't-button', onclick: () => kit.navigate('/deal-list') }, t('deals.list', 'List')),
        h('button', { type: 'button', class: 't-button primary', onclick: () => kit.navigate('/deal-list/new') }, '+ ' + t('deals.new', 'New deal')))),
    h('p', { class: 't-muted' }, t('deals.dragHint', '')),
    board));
  if (!pipeline) {
    return;
  }
  const columns = new Map();
  const [dashboard, ...pages] = await Promise.all([
    kit.api.get('/dashboard', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    ...pipeline.stages.map((stage) => kit.api.get('/deals', {
      pipelineId: pipeline.id, stageId: stage.id, sort: '-updatedAt', limit: PER_STAGE,
    }))]);
  // the stage's whole amount, not only of the cards shown
  const funnel = Object.fromEntries(dashboard.funnel.filter((s) => s.pipelineId === pipeline.id)
    .map((s) => [s.stageId, { ...s.amounts }]));
  pipeline.stages.forEach((stage, index) => {
    const list = h('div', { class: 't-cards' });
    const head = h('div', { class: 't-column-head' }, h('h2', {}, stage.name), h('span', { class: 't-badge' }, ''));
    const sum = h('div', { class: 't-column-sum' });
    const column = h('section', { class: 't-column ' + stage.kind.toLowerCase(), 'data-stage': stage.id, 'aria-label': stage.name }, head, sum, list);
    const info = { stage, column, list, head, sum, total: pages[index].total, amounts: funnel[stage.id] || {} };
    columns.set(stage.id, info);
    for (const deal of pages[index].items) {
      list.appendChild(card(deal));
    }
    board.appendChild(column);
  });
  columns.forEach(refreshHeader);

  function refreshHeader(info) {
    info.head.lastChild.textContent = format.number(info.total);
    info.sum.textContent = Object.entries(info.amounts).filter(([, a]) => Number(a) !== 0)
      .map(([c, a]) => format.money(a, c)).join(' + ');
  }

  function shift(deal, from, to) {
    const amount = Number(deal.amount || 0);
    const currency = deal.currency || 'RUB';
    from.total -= 1;
    from.amounts[currency] = Number(from.amounts[currency] || 0) - amount;
    to.total += 1;
    to.amounts[currency] = Number(to.amounts[currency] || 0) + amount;
    refreshHeader(from);
    refreshHeader(to);
  }

  function card(deal) {
    const amount = h('div', { class: 't-deal-amount' }, format.money(deal.amount, deal.currency));
    const element = h('article', { class: 't-deal', tabindex: '0', 'data-deal': deal.id, 'aria-roledescription': 'card' },
      h('div', { class: 't-deal-title' }, deal.title), amount,
      deal.expectedClose ? h('div', { class: 't-muted' }, format.date(deal.expectedClose)) : null);
    element.deal = deal;
    element.addEventListener('pointerdown', (event) => startDrag(event, element));
    element.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        kit.navigate('/deal-list/' + element.deal.id);
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        event.preventDefault();
        const ids = pipeline.stages.map((s) => s.id);
        const next = ids[ids.indexOf(element.deal.stageId) + (event.key === 'ArrowLeft' ? -1 : 1)];
        if (next) {
          move(element, columns.get(element.deal.stageId), columns.get(next)).then(() => element.focus());
        }
      }
    });
    return element;
  }

  function startDrag(event, element) {
    if (event.button !== 0) {
      return;
    }
    const startX = event.clientX;
    const startY = event.clientY;
    const from = columns.get(element.deal.stageId);
    let dragging = false;
    let placeholder = null;
    let target = null;
    let offsetX = 0;
    let offsetY = 0;
    element.setPointerCapture(event.pointerId);

    const onMove = (e) => {
      if (!dragging) {
        if (Math.abs(e.clientX - startX) + Math.abs(e.clientY - startY) < 6) {
          return;
        }
        dragging = true;
        const rect = element.getBoundingClientRect();
        offsetX = startX - rect.left;
        offsetY = startY - rect.top;
        placeholder = h('div', { class: 't-deal-placeholder' });
        placeholder.style.height = rect.height + 'px';
        element.parentNode.insertBefore(placeholder, element);
        element.style.width = rect.width + 'px';
        element.classList.add('dragging');
      }
      element.style.left = (e.clientX - offsetX) + 'px';
      element.style.top = (e.clientY - offsetY) + 'px';
      const under = document.elementFromPoint(e.clientX, e.clientY);
      const column = under && under.closest('.t-column');
      const info = column ? columns.get(column.dataset.stage) : null;
      if (info !== target) {
        if (target) {
          target.column.classList.remove('drop-target');
        }
        target = info;
        if (target && target !== from) {
          target.column.classList.add('drop-target');
        }
      }
    };
    const onUp = () => {
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onCancel);
      if (!dragging) {
        kit.navigate('/deal-list/' + element.deal.id);
        return;
      }
      finish();
      if (target && target !== from) {
        move(element, from, target);
      }
    };
    const onCancel = () => {
      element.removeEventListener('pointermove', onMove);
      element.removeEventListener('pointerup', onUp);
      element.removeEventListener('pointercancel', onCancel);
      if (dragging) {
        finish();
      }
    };
    const finish = () => {
      element.classList.remove('dragging');
      element.style.left = element.style.top = element.style.width = '';
      if (placeholder) {
        placeholder.remove();
      }
      columns.forEach((info) => info.column.classList.remove('drop-target'));
    };
    element.addEventListener('pointermove', onMove);
    element.addEventListener('pointerup', onUp);
    element.addEventListener('pointercancel', onCancel);
    cleanup.push(onCancel);
  }

  async function move(element, from, to) {
    const deal = element.deal;
    to.list.prepend(element);
    shift(deal, from, to);
    const back = () => {
      from.list.prepend(element);
      shift(deal, to, from);
    };
    try {
      // probability: null lets the server take the new stage's probability
      element.deal = await kit.api.put('/deals/' + deal.id, { ...deal, stageId: to.stage.id, probability: null }, deal.version);
      kit.ui.notify(t('deals.moved', '“{deal}” moved to {stage}', { deal: deal.title, stage: to.stage.name }));
    } catch (error) {
      back();
      if (error instanceof kit.ApiError && error.status === 412) {
        const now = await showConflict(kit, '/deals', deal.id, deal, { stageId: to.stage.id });
        // the board shows the deal as it is now
        element.remove();
        const current = columns.get(now.stageId);
        if (current) {
          shift(deal, from, current); // the count moves to where the deal is now
          current.list.prepend(card(now));
        }
      } else {
        kit.ui.notify(error.message, 'error');
      }
    }
  }
}
