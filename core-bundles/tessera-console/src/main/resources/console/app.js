/**
 * The console shell: signs the user in (session cookie + CSRF token), builds the menu from the console
 * pages installed on the server — read again on every navigation, so a plugin installed or removed shows
 * up or disappears without a restart — and loads each page's module into the main area with the kit.
 */
import { kit, shell, api, h, t, ApiError } from './kit.js';

const BASE = '/console';
const RETURN_KEY = 'tessera.returnTo';
const root = document.getElementById('app');
const state = shell.state;

let current = { module: null, token: 0 };
let idleTimer = null;
let layout = null;

// ---------------------------------------------------------------- routes

function routeOf(location) {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return (path || '/') + location.search;
}

function navigate(route, options = {}) {
  const url = BASE + (route.startsWith('/') ? route : '/' + route);
  if (options.replace) {
    history.replaceState(null, '', url);
  } else if (url !== location.pathname + location.search) {
    history.pushState(null, '', url);
  }
  return showPage();
}

state.navigate = navigate;

window.addEventListener('popstate', () => { if (state.user) { showPage(); } });

// ---------------------------------------------------------------- session

state.onUnauthorized = () => {
  if (!state.user) {
    return;
  }
  sessionStorage.setItem(RETURN_KEY, routeOf(location));
  endSession(t('login.expired', 'Your session has ended. Please sign in again.'));
};

state.onActivity = () => {
  if (!state.user || !state.user.idleTimeoutSeconds) {
    return;
  }
  clearTimeout(idleTimer);
  // The server ends an idle session; when it must have, ask it, and a 401 brings the login back.
  idleTimer = setTimeout(() => {
    api.get('/session').catch((error) => {
      if (error instanceof ApiError && error.status === 401) {
        state.onUnauthorized();
      }
    });
  }, (state.user.idleTimeoutSeconds + 5) * 1000);
};

function startSession(session) {
  state.user = session;
  state.csrfToken = session.csrfToken;
  state.onActivity();
}

function endSession(message) {
  clearTimeout(idleTimer);
  disposeCurrent();
  state.user = null;
  state.csrfToken = null;
  layout = null;
  showLogin(message);
}

async function boot() {
  document.documentElement.lang = state.locale;
  try {
    startSession(await api.get('/session'));
  } catch (error) {
    showLogin();
    return;
  }
  await enter();
}

async function enter() {
  if (state.user.passwordChangeRequired) {
    showPasswordChange(true);
    return;
  }
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  layout = null;
  await navigate(back || routeOf(location), { replace: true });
}

// ---------------------------------------------------------------- login and password

function languageSwitch(onChange) {
  const select = h('select', {
    class: 't-language', 'aria-label': t('shell.language', 'Language'), 'data-test': 'language',
    onchange: (event) => { shell.setLocale(event.target.value); onChange(); },
  }, h('option', { value: 'en', selected: state.locale === 'en' }, 'English'),
  h('option', { value: 'ru', selected: state.locale === 'ru' }, 'Русский'));
  return select;
}

function showLogin(message) {
  document.title = t('login.title', 'Sign in to Tessera');
  const form = kit.ui.form({
    fields: [
      { name: 'username', label: t('login.username', 'User name'), required: true, autocomplete: 'username' },
      { name: 'password', label: t('login.password', 'Password'), type: 'password', required: true, autocomplete: 'current-password' },
    ],
    submitLabel: t('login.submit', 'Sign in'),
    submit: async (values) => {
      try {
        startSession(await api.post('/session', values));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          throw new Error(t('login.failed', 'Wrong user name or password'));
        }
        if (error instanceof ApiError && error.status === 429) {
          throw new Error(t('login.throttled', 'Too many attempts. Wait a minute and try again.'));
        }
        throw error;
      }
      await enter();
    },
  });
  form.id = 'login-form';
  root.className = 't-login-screen';
  root.replaceChildren(h('main', { class: 't-login' },
    h('div', { class: 't-login-card' },
      h('div', { class: 't-brand big' }, h('span', { class: 't-logo', 'aria-hidden': 'true' }), t('app.name', 'Tessera CRM')),
      h('h1', {}, t('login.title', 'Sign in to Tessera')),
      message ? h('p', { class: 't-notice-inline', role: 'alert' }, message) : null,
      form,
      h('div', { class: 't-login-footer' }, languageSwitch(() => showLogin(message))))));
  form.querySelector('input').focus();
}

function showPasswordChange(required) {
  const form = kit.ui.form({
    fields: [
      { name: 'currentPassword', label: t('password.current', 'Current password'), type: 'password', required: true, autocomplete: 'current-password' },
      { name: 'newPassword', label: t('password.new', 'New password'), type: 'password', required: true, autocomplete: 'new-password' },
      { name: 'repeat', label: t('password.repeat', 'Repeat the new password'), type: 'password', required: true, autocomplete: 'new-password' },
    ],
    submit: async (values) => {
      if (values.newPassword !== values.repeat) {
        form.showError('repeat', t('password.mismatch', 'The passwords differ'));
        return;
      }
      await api.put('/session/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      kit.ui.notify(t('password.changed', 'Password changed'));
      startSession(await api.get('/session'));
      await enter();
    },
    cancel: required ? null : () => { layout = null; showPage(); },
  });
  form.id = 'password-form';
  root.className = 't-login-screen';
  root.replaceChildren(h('main', { class: 't-login' }, h('div', { class: 't-login-card' },
    h('h1', {}, t('password.title', 'Choose a new password')),
    required ? h('p', { class: 't-muted' }, t('password.reason', '')) : null,
    form)));
  form.querySelector('input').focus();
}

async function logout() {
  try {
    await api.del('/session');
  } catch (error) {
    // the session may have ended already; the login screen is where the user wants to be either way
  }
  sessionStorage.removeItem(RETURN_KEY);
  history.replaceState(null, '', BASE + '/');
  endSession();
}

// ---------------------------------------------------------------- the app

function buildLayout() {
  const nav = h('nav', { class: 't-nav', 'aria-label': t('shell.menu', 'Menu') }, h('ul', { id: 'menu' }));
  const main = h('main', { id: 'main', class: 't-main', tabindex: '-1' });
  const userMenu = h('div', { class: 't-user' },
    languageSwitch(() => { layout = null; showPage(); }),
    h('span', { class: 't-username', 'data-test': 'username' }, state.user.username),
    h('button', { type: 'button', class: 't-button ghost', onclick: () => showPasswordChange(false) }, t('password.change', 'Change password')),
    h('button', { type: 'button', class: 't-button ghost', id: 'logout', onclick: logout }, t('shell.logout', 'Sign out')));
  const menuToggle = h('button', {
    type: 'button', class: 't-button ghost t-menu-toggle', 'aria-label': t('shell.menu', 'Menu'),
    onclick: () => root.classList.toggle('menu-open'),
  }, '☰');
  root.className = 't-app';
  root.replaceChildren(
    h('a', { class: 't-skip', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, 'Skip to content'),
    h('header', { class: 't-header' }, menuToggle,
      h('a', { class: 't-brand', href: BASE + '/', onclick: linkHandler('/') }, h('span', { class: 't-logo', 'aria-hidden': 'true' }), t('app.name', 'Tessera CRM')),
      userMenu),
    nav, main);
  layout = { nav, main };
}

function linkHandler(route) {
  return (event) => {
    if (event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      root.classList.remove('menu-open');
      navigate(route);
    }
  };
}

function renderMenu(pages, active) {
  const menu = layout.nav.querySelector('#menu');
  menu.replaceChildren(...pages.map((page) => h('li', {},
    h('a', {
      href: BASE + page.route, onclick: linkHandler(page.route), 'data-page': page.id,
      class: active && active.id === page.id ? 'active' : null, 'aria-current': active && active.id === page.id ? 'page' : null,
    }, page.title))));
}

function pageFor(pages, path) {
  let best = null;
  for (const page of pages) {
    if (path === page.route || path.startsWith(page.route.endsWith('/') ? page.route : page.route + '/')) {
      if (!best || page.route.length > best.route.length) {
        best = page;
      }
    }
  }
  return best;
}

function disposeCurrent() {
  if (current.module && typeof current.module.dispose === 'function') {
    try {
      current.module.dispose();
    } catch (error) {
      console.error(error);
    }
  }
  current.module = null;
}

async function showPage() {
  if (!state.user) {
    return;
  }
  const token = ++current.token;
  document.documentElement.lang = state.locale;
  if (!layout) {
    buildLayout();
  }
  let pages;
  try {
    pages = await api.get('/console/pages', { lang: state.locale });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return;
    }
    layout.main.replaceChildren(h('p', { class: 't-error' }, error.message));
    return;
  }
  if (token !== current.token) {
    return;
  }
  const route = routeOf(location);
  const path = route.split('?')[0];
  if ((path === '/' || path === '') && pages.length > 0) {
    history.replaceState(null, '', BASE + pages[0].route);
    return showPage();
  }
  const page = pageFor(pages, path);
  renderMenu(pages, page);
  disposeCurrent();
  const main = layout.main;
  const element = h('div', { class: 't-page-host', 'data-page': page ? page.id : '' });
  main.replaceChildren(element);
  if (!page) {
    element.appendChild(h('div', { class: 't-page' }, h('p', { class: 't-muted' }, t('shell.notFound', 'There is no page here.'))));
    return;
  }
  document.title = page.title + ' · Tessera';
  const rest = path.slice(page.route.length).split('/').filter((part) => part !== '').map(decodeURIComponent);
  kit.route = { path, rest, query: new URLSearchParams(route.includes('?') ? route.slice(route.indexOf('?')) : '') };
  try {
    const module = await import(page.script);
    if (token !== current.token) {
      return;
    }
    current.module = module;
    await module.render(element, kit);
    element.dataset.ready = 'true'; // drawn: tests and tools can wait for this
  } catch (error) {
    if (token === current.token && !(error instanceof ApiError && error.status === 401)) {
      console.error(error);
      element.replaceChildren(h('div', { class: 't-page' }, h('p', { class: 't-error' },
        t('shell.pageFailed', 'This page could not be shown: {message}', { message: error.message }))));
    }
  }
}

boot();
