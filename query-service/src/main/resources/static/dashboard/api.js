// The query service's API as the page uses it. The page is served by the same service, so every call
// carries the browser's session cookie; a write also carries the CSRF token that Spring Security keeps
// in the XSRF-TOKEN cookie. Endpoints newer than this page's first release may be missing on an older
// service: they answer 403 (a route the access table does not name) or 404, and the page then does
// without them (missing() below) instead of failing.

/** The session ended (or never began): the page sends the browser to the login form. */
export class SignedOut extends Error {}

const UNAVAILABLE = new Set([403, 404, 405, 501]);

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 401) throw new SignedOut(path);
  if (UNAVAILABLE.has(response.status)) return missing(path, response.status);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** What an endpoint the service does not offer (or not to this caller) gives: null, noted once. */
function missing(path, status) {
  console.info(`${path} answered ${status}: shown without it`);
  return null;
}

function cookie(name) {
  const found = document.cookie.split('; ').find((c) => c.startsWith(name + '='));
  return found ? decodeURIComponent(found.substring(name.length + 1)) : null;
}

/** The CSRF token as the cookie holds it now, or null. */
export const csrfCookie = () => cookie('XSRF-TOKEN');

/** The CSRF token; a read first lets the service issue one where the cookie is missing. */
export async function csrfToken() {
  let token = cookie('XSRF-TOKEN');
  if (!token) {
    await getJson('/api/v1/me');
    token = cookie('XSRF-TOKEN');
  }
  return token;
}

async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': await csrfToken() },
    body: JSON.stringify(body ?? {})
  });
  if (response.status === 401) throw new SignedOut(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

const year = (department, fiscalYear) =>
  `/api/v1/departments/${encodeURIComponent(department)}/years/${encodeURIComponent(fiscalYear)}`;

export const me = () => getJson('/api/v1/me');
export const execution = (department, fiscalYear) => getJson(year(department, fiscalYear) + '/execution');
export const lines = (department, fiscalYear) => getJson(year(department, fiscalYear) + '/lines');
export const acknowledge = (id) => postJson(`/api/v1/alerts/${encodeURIComponent(id)}/acknowledgement`, {});

/** Current alerts of the caller's departments; [] for a role that may not read them (RECORDER). */
export async function alerts() {
  return (await getJson('/api/v1/alerts')) ?? [];
}

/** The departments list (newer API) or null; with a year, its figures for that year. */
export async function departments(fiscalYear) {
  const answer = await getJson('/api/v1/departments' + (fiscalYear ? `?year=${encodeURIComponent(fiscalYear)}` : ''));
  if (answer === null) return null;
  const list = Array.isArray(answer) ? answer : (answer.departments ?? answer.items ?? []);
  return list.map(normalizeDepartment)
    .filter((d) => !fiscalYear || d.fiscalYear === null || Number(d.fiscalYear) === Number(fiscalYear));
}

export const yearSummary = (fiscalYear) => getJson(`/api/v1/years/${encodeURIComponent(fiscalYear)}/summary`);

export async function kpis(department, fiscalYear) {
  const answer = await getJson(year(department, fiscalYear) + '/kpis');
  if (answer === null) return null;
  const list = Array.isArray(answer) ? answer : (answer.kpis ?? []);
  return list.map((k) => ({
    kpi: k.kpi ?? k.code,
    name: k.name,
    unit: k.unit ?? '',
    target: k.target ?? k.targetDescription,
    actual: k.actual ?? k.latest ?? k.latestProgress ?? k.progress?.actual ?? k.reported
      ?? (k.met === true ? '✓' : k.met === false ? '✗' : null),
    completion: k.completion ?? k.completionRatio ?? k.ratio,
    onTrack: k.onTrack ?? k.on_track
  }));
}

/**
 * The cumulative execution series (newer API) as {fundSources: [{key, points: [{date, rate}]}],
 * timeProgress: [{date, rate}], quarterTargets: [{date, rate}]}, or null.
 */
export async function series(department, fiscalYear, interval, budgets) {
  const answer = await getJson(year(department, fiscalYear) + `/execution/series?interval=${interval}`);
  return answer === null ? null : normalizeSeries(answer, budgets);
}

function normalizeDepartment(raw) {
  const execution = raw.execution ?? {};
  return {
    department: raw.department ?? raw.code ?? raw.id,
    name: raw.name ?? raw.departmentName ?? raw.department,
    years: raw.years ?? raw.fiscalYears ?? [],
    fiscalYear: raw.fiscalYear ?? null,
    budget: raw.budget ?? execution.budget,
    executed: raw.executed ?? execution.executed,
    executionRate: raw.executionRate ?? execution.executionRate,
    timeProgress: raw.timeProgress ?? execution.timeProgress,
    openAlerts: raw.openAlerts ?? raw.openAlertsBySeverity ?? null,
    evaluation: score(raw.latestEvaluation ?? raw.evaluation
      ?? (raw.evaluationTotal !== undefined ? { total: raw.evaluationTotal, grade: raw.evaluationGrade } : null)),
    projected: score(raw.projected ?? raw.projectedScore ?? raw.projection
      ?? (raw.projectedTotal !== undefined ? { total: raw.projectedTotal, grade: raw.projectedGrade } : null))
  };
}

function score(raw) {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'object') return { total: raw, grade: null };
  return { total: raw.total ?? raw.score ?? raw.points ?? null, grade: raw.grade ?? null };
}

const dateOf = (p) => p.date ?? p.asOf ?? p.periodEnd ?? p.end ?? p.endsOn ?? p.on;

/** Accepts the shapes a series endpoint plausibly has; rates are computed from budgets where only amounts come. */
export function normalizeSeries(answer, budgets = {}) {
  const rateOf = (key, p) => p.rate ?? p.cumulativeRate ?? p.executionRate
    ?? ratio(p.cumulative ?? p.executed ?? p.amount, budgets[key]);
  let fundSources = [];
  const listed = answer.fundSources ?? answer.series ?? answer.byFundSource;
  if (Array.isArray(answer.dates)) {
    // column-oriented (query-service's ExecutionSeries): the i-th value of every list is of dates[i]
    const dates = answer.dates;
    const at = (list, i) => (Array.isArray(list) ? list[i] : undefined);
    return {
      fundSources: (listed ?? []).map((s) => ({
        key: s.key ?? s.fundSource,
        points: dates.map((date, i) => ({ date, rate: at(s.rate, i) ?? ratio(at(s.executed, i), s.budget ?? budgets[s.key]) }))
      })),
      timeProgress: Array.isArray(answer.timeProgress) ? dates.map((date, i) => ({ date, rate: answer.timeProgress[i] })) : [],
      quarterTargets: (answer.quarterTargets ?? []).map((q) => ({ date: dateOf(q), rate: q.target ?? q.rate, quarter: q.quarter }))
    };
  }
  if (Array.isArray(listed)) {
    fundSources = listed.map((s) => {
      const key = s.fundSource ?? s.key ?? s.name;
      return { key, points: (s.points ?? s.values ?? []).map((p) => ({ date: dateOf(p), rate: rateOf(key, p) })) };
    });
  } else if (Array.isArray(answer.points)) {
    const keys = new Set();
    answer.points.forEach((p) => Object.keys(p.cumulative ?? p.byFundSource ?? {}).forEach((k) => keys.add(k)));
    fundSources = [...keys].map((key) => ({
      key,
      points: answer.points.map((p) => {
        const value = (p.cumulative ?? p.byFundSource)[key];
        const rate = typeof value === 'object' && value !== null
          ? (value.rate ?? value.executionRate ?? ratio(value.executed ?? value.cumulative, budgets[key]))
          : ratio(value, budgets[key]);
        return { date: dateOf(p), rate };
      })
    }));
  }
  const progress = Array.isArray(answer.timeProgress) ? answer.timeProgress
    : (answer.points ?? []).filter((p) => p.timeProgress !== undefined);
  const targets = answer.quarterTargets ?? answer.targets ?? [];
  return {
    fundSources,
    timeProgress: progress.map((p) => ({ date: dateOf(p), rate: p.timeProgress ?? p.rate ?? p.value ?? p.ratio })),
    quarterTargets: targets.map((q) => ({ date: dateOf(q), rate: q.target ?? q.rate ?? q.value, quarter: q.quarter }))
  };
}

function ratio(amount, budget) {
  const a = Number(amount);
  const b = Number(budget);
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : null;
}
