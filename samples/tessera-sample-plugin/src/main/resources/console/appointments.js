/**
 * The beauty salon's "Appointments" page of the Tessera console.
 *
 * The console loads this file as an ES module from
 * GET /api/v1/console/pages/salon.appointments/script (the platform reads it from the plugin's bundle,
 * at the path AppointmentsPage.script() names) and calls render(element) with the element the page
 * owns. The page lists the appointments, latest first, through the plugin's REST resource. It runs in
 * the logged-in console, so fetch sends the console's session cookie; it needs no other library.
 *
 * Everything is written with textContent, never innerHTML: notes typed by users cannot inject markup.
 */

const APPOINTMENTS = '/api/v1/salon/appointments';
const COLUMNS = [
  ['startsAt', 'Starts at'],
  ['durationMinutes', 'Minutes'],
  ['status', 'Status'],
  ['contactId', 'Contact'],
  ['serviceId', 'Service'],
  ['notes', 'Notes'],
];

/**
 * Fills the page.
 *
 * @param {HTMLElement} element where the page is drawn; its content is replaced
 * @returns {Promise<void>} settles when the list is drawn (or the error shown)
 */
export async function render(element) {
  element.textContent = 'Loading appointments…';
  let page;
  try {
    const response = await fetch(APPOINTMENTS + '?sort=-startsAt&limit=100', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      // Errors are application/problem+json: show the problem's detail.
      const problem = await response.json().catch(() => ({}));
      element.textContent = 'Could not load the appointments: ' + (problem.detail || response.statusText);
      return;
    }
    page = await response.json(); // { items: [...], total, offset, limit }
  } catch (error) {
    element.textContent = 'Could not load the appointments: ' + error.message;
    return;
  }
  element.replaceChildren(heading(page.total), table(page.items));
}

function heading(total) {
  const h = document.createElement('h2');
  h.textContent = 'Appointments (' + total + ')';
  return h;
}

function table(appointments) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const [, title] of COLUMNS) {
    const th = document.createElement('th');
    th.textContent = title;
    head.appendChild(th);
  }
  const body = t.createTBody();
  for (const appointment of appointments) {
    const row = body.insertRow();
    for (const [field] of COLUMNS) {
      row.insertCell().textContent = format(field, appointment[field]);
    }
  }
  return t;
}

function format(field, value) {
  if (value === null || value === undefined) {
    return '';
  }
  return field === 'startsAt' ? new Date(value).toLocaleString() : String(value);
}
