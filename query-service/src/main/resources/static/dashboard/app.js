// The dashboard: a district overview (#/years/2021) and a department view
// (#/departments/BY-SJ/years/2021), kept live by the alert stream. ?year= and ?department= in the
// address say which year (and department) to open when the API cannot list them (see api.js).

import * as api from './api.js';
import * as charts from './charts.js';
import { current as language, t, toggle } from './i18n.js';
import { follow } from './live.js';
import * as views from './views.js';

const params = new URLSearchParams(location.search);
const LIVE_KEPT = 30;

const state = {
  me: null,
  alerts: new Map(), // id → alert, kept current by the stream
  alertsReadable: true,
  live: [], // {transition, receivedAt}, newest first
  connection: 'connecting',
  sort: { key: 'behind', direction: 1 },
  overview: null, // {year, years, rows, summary}
  department: null // {execution, listed, kpis, curve, curveQuarterly}
};

const $ = (selector) => document.querySelector(selector);

async function start() {
  try {
    state.me = await api.me();
  } catch (e) {
    return signedOut(e);
  }
  document.body.dataset.user = state.me.name;
  bindHeader();
  renderHeader();
  follow({ onTransition: received, onState: connection });
  await loadAlerts();
  window.addEventListener('hashchange', () => show().catch(failed));
  await show();
}

function signedOut(e) {
  if (e instanceof api.SignedOut) {
    location.assign('/login');
    return;
  }
  failed(e);
}

/** A view already shown stays (its figures are a moment old); only a first load shows the error instead. */
function failed(e) {
  if (e instanceof api.SignedOut) return signedOut(e);
  console.error(e);
  const message = `${t('error')}: ${String(e.message ?? e).replace(/[<>&]/g, '')}`;
  const view = $('#view');
  view.removeAttribute('aria-busy');
  if (view.querySelector('section')) {
    $('#notice').textContent = message;
    $('#notice').hidden = false;
  } else {
    view.innerHTML = `<p class="error">${message}</p>`;
  }
}

async function loadAlerts() {
  const list = await api.alerts();
  state.alertsReadable = Array.isArray(list);
  list.forEach((alert) => {
    const known = state.alerts.get(alert.id);
    if (!known || (known.updatedAt ?? '') <= (alert.updatedAt ?? '')) state.alerts.set(alert.id, alert);
  });
}

/** Which view the address asks for. */
function route() {
  const departmentView = /^#\/departments\/([^/]+)\/years\/(\d{4})/.exec(location.hash);
  if (departmentView) return { view: 'department', department: decodeURIComponent(departmentView[1]), year: Number(departmentView[2]) };
  const yearView = /^#\/years\/(\d{4})/.exec(location.hash);
  return { view: 'overview', year: yearView ? Number(yearView[1]) : null };
}

async function show() {
  const where = route();
  $('#view').setAttribute('aria-busy', 'true');
  if (where.view === 'department') {
    await loadDepartment(where.department, where.year);
  } else {
    await loadOverview(where.year);
  }
  $('#view').removeAttribute('aria-busy');
  $('#notice').hidden = true;
  render();
}

// ---- the district overview

async function loadOverview(requested) {
  const everyYear = await api.departments(null);
  const years = new Set();
  (everyYear ?? []).forEach((d) => d.years.forEach((y) => years.add(Number(y))));
  state.alerts.forEach((a) => years.add(a.fiscalYear));
  if (params.get('year')) years.add(Number(params.get('year')));
  const year = requested ?? (params.get('year') ? Number(params.get('year')) : Math.max(...years, 0) || new Date().getFullYear());
  years.add(year);

  let rows = await api.departments(year);
  if (rows === null) rows = await departmentsFromWhatIsKnown(year);
  const summary = await api.yearSummary(year);
  state.overview = { year, years: [...years].sort((a, b) => b - a), rows, summary };
}

/** Without the departments endpoint: the departments the alerts name, and ?department=, with their execution. */
async function departmentsFromWhatIsKnown(year) {
  const codes = new Set();
  state.alerts.forEach((a) => { if (a.fiscalYear === year) codes.add(a.department); });
  if (params.get('department')) codes.add(params.get('department'));
  const rows = await Promise.all([...codes].map(async (code) => {
    const e = await api.execution(code, year);
    return e && {
      department: e.department, name: e.departmentName ?? e.department, years: [year], budget: e.budget,
      executed: e.executed, executionRate: e.executionRate, timeProgress: e.timeProgress,
      openAlerts: null, evaluation: null, projected: null
    };
  }));
  return rows.filter(Boolean);
}

function overviewRows() {
  const { year, rows } = state.overview;
  return rows.map((d) => ({
    ...d,
    counts: state.alertsReadable
      ? views.countBySeverity([...state.alerts.values()].filter((a) => a.department === d.department && a.fiscalYear === year))
      : { CRITICAL: 0, WARNING: 0, INFO: 0, ...(d.openAlerts ?? {}) }
  }));
}

// ---- one department-year

async function loadDepartment(code, year) {
  const execution = await api.execution(code, year);
  if (!execution) {
    state.department = { missing: true, code, year };
    return;
  }
  const budgets = Object.fromEntries((execution.byFundSource ?? []).map((b) => [b.key, b.budget]));
  const [listed, kpis, series] = await Promise.all([
    api.departments(year).then((rows) => rows?.find((d) => d.department === code) ?? null),
    api.kpis(code, year),
    api.series(code, year, 'week', budgets)
  ]);
  let curve = series;
  let curveQuarterly = false;
  if (!curve || curve.fundSources.every((s) => s.points.length === 0)) {
    curve = views.quarterlySeries(execution, await api.lines(code, year));
    curveQuarterly = true;
  }
  state.department = { execution, listed, kpis, curve, curveQuarterly };
}

// ---- drawing

function render() {
  renderHeader();
  const view = $('#view');
  charts.forget(view);
  const where = route();
  if (where.view === 'department') {
    const d = state.department;
    if (!d) return; // still loading
    if (d.missing) {
      view.innerHTML = `<p class="empty">${t('noData')}: ${d.code} ${d.year}</p>`;
      return;
    }
    const alerts = [...state.alerts.values()]
      .filter((a) => a.department === d.execution.department && a.fiscalYear === d.execution.fiscalYear);
    view.innerHTML = views.department({ ...d, alerts, mayAcknowledge: state.me.mayAcknowledge });
    if (!charts.executionCurve($('#curve'), d.execution.fiscalYear, d.curve)) $('.panel.curve').hidden = true;
    document.title = `${d.execution.departmentName ?? d.execution.department} · ${t('title')}`;
  } else {
    if (!state.overview) return; // still loading
    const rows = views.sortDepartments(overviewRows(), state.sort);
    view.innerHTML = views.overview({ ...state.overview, rows, sort: state.sort });
    document.title = t('title');
  }
  renderFeed();
}

function renderHeader() {
  $('#title').textContent = t('title');
  $('#language').textContent = t('language');
  $('#live h2').textContent = t('live');
  $('#sign-out').textContent = t('signOut');
  if (state.me) $('#who').textContent = `${t('signedInAs')} ${state.me.name}`;
  const badge = $('#connection');
  badge.dataset.state = state.connection;
  badge.textContent = t({ connected: 'connected', reconnecting: 'reconnecting', connecting: 'connecting', 'signed-out': 'signedOut' }[state.connection]);
}

function renderFeed() {
  $('#feed').innerHTML = views.liveFeed(state.live);
}

// ---- live

let refreshTimer = null;

/**
 * Another look at the figures shortly after the alerts changed (a burst of transitions is one look).
 * Not while the stream is down: the service is then most likely down too, and reconnecting refreshes.
 */
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    if (state.connection === 'connected') show().catch(failed);
  }, 250);
}

function received(transition, receivedAt) {
  const known = state.alerts.get(transition.alertId);
  state.alerts.set(transition.alertId, {
    ...known,
    id: transition.alertId, rule: transition.rule, subject: transition.subject, department: transition.department,
    fiscalYear: transition.fiscalYear, severity: transition.severity, status: transition.status,
    message: transition.message, evidence: transition.evidence,
    openedAt: known?.openedAt ?? transition.at, updatedAt: transition.at,
    ...(transition.transition === 'ACKNOWLEDGED'
      ? { acknowledgedBy: transition.actor, acknowledgementComment: transition.comment, acknowledgedAt: transition.at } : {})
  });
  state.live.unshift({ transition, receivedAt });
  state.live.length = Math.min(state.live.length, LIVE_KEPT);
  renderFeed(); // at once: this is the "within a second"
  refreshSoon();
}

function connection(next) {
  const wasDown = state.connection === 'reconnecting';
  state.connection = next;
  renderHeader();
  if (next === 'connected' && wasDown) refreshSoon(); // figures may have moved while the stream was down
  if (next === 'signed-out') location.assign('/login');
}

// ---- what the user does

function bindHeader() {
  $('#language').addEventListener('click', () => {
    toggle();
    render();
  });
  const signOut = $('#sign-out-form');
  signOut.addEventListener('submit', (event) => {
    const token = api.csrfCookie();
    if (token) {
      signOut.elements._csrf.value = token; // and the form goes as the browser sends it
      return;
    }
    event.preventDefault();
    api.csrfToken().then((issued) => {
      signOut.elements._csrf.value = issued;
      signOut.submit();
    }).catch(failed);
  });
  const view = $('#view');
  view.addEventListener('click', async (event) => {
    const sort = event.target.closest('[data-sort]');
    if (sort) {
      const key = sort.dataset.sort;
      state.sort = { key, direction: state.sort.key === key ? -state.sort.direction : 1 };
      render();
      return;
    }
    const acknowledge = event.target.closest('[data-acknowledge]');
    if (acknowledge) {
      acknowledge.disabled = true;
      try {
        const alert = await api.acknowledge(acknowledge.dataset.acknowledge);
        state.alerts.set(alert.id, alert);
        render();
      } catch (e) {
        acknowledge.disabled = false;
        if (e instanceof api.SignedOut) return signedOut(e);
        acknowledge.insertAdjacentHTML('afterend', `<span class="error">${t('error')}</span>`);
      }
      return;
    }
    const row = event.target.closest('tr.department');
    if (row && !event.target.closest('a')) {
      location.hash = `#/departments/${encodeURIComponent(row.dataset.department)}/years/${state.overview.year}`;
    }
  });
  view.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr.department');
    if (row && event.key === 'Enter') row.click();
  });
  view.addEventListener('change', (event) => {
    if (event.target.id === 'year') location.hash = `#/years/${event.target.value}`;
  });
}

document.documentElement.dataset.language = language();
start().catch(failed);
