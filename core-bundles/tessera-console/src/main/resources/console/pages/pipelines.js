/** Settings of pipelines and their stages: rename, add, reorder and remove stages, set kind and probability. */
import { saveOrShowConflict } from '/console/records.js';

export async function render(element, kit) {
  const { h, t } = kit;
  const pipelines = (await kit.api.get('/pipelines', { limit: 100 })).items;
  const page = h('div', { class: 't-page' },
    h('div', { class: 't-page-header' }, h('h1', {}, t('pipelines.title', 'Pipelines and stages')),
      h('div', { class: 't-actions' }, h('button', { type: 'button', class: 't-button primary', onclick: () => page.appendChild(editor(null)) }, '+ ' + t('pipelines.new', 'New pipeline')))));
  element.replaceChildren(page);
  pipelines.forEach((pipeline) => page.appendChild(editor(pipeline)));

  function editor(pipeline) {
    let stages = pipeline ? pipeline.stages.map((s) => ({ ...s })) : [
      { name: t('stage.OPEN', 'Open'), kind: 'OPEN', probability: 10 },
      { name: t('stage.WON', 'Won'), kind: 'WON', probability: 100 },
      { name: t('stage.LOST', 'Lost'), kind: 'LOST', probability: 0 }];
    const name = h('input', { value: pipeline ? pipeline.name : '', 'aria-label': t('common.name', 'Name') });
    const rows = h('div');
    const error = h('div', { class: 't-form-error', role: 'alert' });
    const card = h('div', { class: 't-card', 'data-pipeline': pipeline ? pipeline.id : 'new' },
      h('div', { class: 't-toolbar' }, h('label', {}, t('common.name', 'Name')), name),
      h('h3', {}, t('pipelines.stages', 'Stages')), rows,
      h('div', { class: 't-toolbar' }, h('button', {
        type: 'button', class: 't-button', onclick: () => { stages.push({ name: '', kind: 'OPEN', probability: 50 }); draw(); },
      }, '+ ' + t('pipelines.addStage', 'Add stage'))),
      error,
      h('div', { class: 't-form-actions' }, h('button', { type: 'button', class: 't-button primary', onclick: save }, t('kit.save', 'Save'))));
    draw();
    return card;

    function draw() {
      rows.replaceChildren(...stages.map((stage, index) => h('div', { class: 't-stage-row' },
        h('input', { value: stage.name, 'aria-label': t('dashboard.stage', 'Stage'), oninput: (e) => { stage.name = e.target.value; } }),
        h('select', { 'aria-label': t('pipelines.kind', 'Kind'), onchange: (e) => { stage.kind = e.target.value; } },
          ['OPEN', 'WON', 'LOST'].map((kind) => h('option', { value: kind, selected: stage.kind === kind }, t('stage.' + kind, kind)))),
        h('input', { value: stage.probability ?? '', inputmode: 'numeric', 'aria-label': t('pipelines.probability', 'Probability, %'),
          oninput: (e) => { stage.probability = e.target.value === '' ? null : Number(e.target.value); } }),
        h('div', {},
          h('button', { type: 'button', class: 't-button ghost', 'aria-label': t('pipelines.up', 'Move up'), disabled: index === 0, onclick: () => { swap(index, index - 1); } }, '↑'),
          h('button', { type: 'button', class: 't-button ghost', 'aria-label': t('pipelines.down', 'Move down'), disabled: index === stages.length - 1, onclick: () => { swap(index, index + 1); } }, '↓'),
          h('button', { type: 'button', class: 't-button ghost danger', onclick: () => { stages.splice(index, 1); draw(); } }, t('pipelines.remove', 'Remove'))))));
    }

    function swap(a, b) {
      [stages[a], stages[b]] = [stages[b], stages[a]];
      draw();
    }

    async function save() {
      error.textContent = '';
      const body = { name: name.value.trim(), stages };
      try {
        if (pipeline) {
          const saved = await saveOrShowConflict(kit, '/pipelines', pipeline, body, () => kit.navigate('/settings/pipelines'));
          if (!saved) {
            return;
          }
        } else {
          await kit.api.post('/pipelines', body);
        }
        kit.ui.notify(t('common.saved', 'Saved'));
        kit.navigate('/settings/pipelines');
      } catch (e) {
        error.textContent = e.message;
      }
    }
  }
}
