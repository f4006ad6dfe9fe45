// The page's two views as HTML. Every value from the API goes through escape(); amounts through wan().

import { dateTime, escape, percent, ratioNumber, wan, cents } from './format.js';
import { current, t, term } from './i18n.js';

const SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'];

export const isOpen = (alert) => alert.status !== 'RESOLVED';

/** {CRITICAL: n, WARNING: n, INFO: n} of the open alerts given. */
export function countBySeverity(alerts) {
  const counts = { CRITICAL: 0, WARNING: 0, INFO: 0 };
  alerts.filter(isOpen).forEach((a) => { counts[a.severity] = (counts[a.severity] ?? 0) + 1; });
  return counts;
}

function severityBadges(counts) {
  return SEVERITIES.map((s) => `<span class="badge ${s.toLowerCase()}${counts[s] ? '' : ' zero'}" title="${escape(term(s))}"
    data-severity="${s}">${escape(term(s))} ${counts[s] ?? 0}</span>`).join('');
}

/** A bullet: the bar is execution, the tick is time progress. */
function bullet(rate, progress) {
  const r = ratioNumber(rate);
  const p = ratioNumber(progress);
  const width = r === null ? 0 : Math.min(r, 1) * 100;
  const behind = r !== null && p !== null && r < p - 0.1;
  return `<div class="bullet${behind ? ' behind' : ''}" role="img" aria-label="${escape(percent(rate))} / ${escape(percent(progress))}">
      <div class="fill" style="width:${width.toFixed(2)}%"></div>
      ${p === null ? '' : `<div class="tick" style="left:${(Math.min(p, 1) * 100).toFixed(2)}%" title="${escape(t('timeProgress'))} ${escape(percent(progress))}"></div>`}
    </div>`;
}

function scoreText(score) {
  if (!score || score.total === null || score.total === undefined) return '—';
  return `${escape(score.total)}${score.grade ? ` <span class="grade">${escape(score.grade)}</span>` : ''}`;
}

const SORTS = {
  department: (d) => d.department,
  rate: (d) => ratioNumber(d.executionRate) ?? -1,
  behind: (d) => (ratioNumber(d.executionRate) ?? 0) - (ratioNumber(d.timeProgress) ?? 0),
  alerts: (d) => -(d.counts.CRITICAL * 10000 + d.counts.WARNING * 100 + d.counts.INFO),
  projected: (d) => Number(d.projected?.total ?? -1)
};

export function sortDepartments(rows, sort) {
  const key = SORTS[sort.key] ?? SORTS.behind;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.direction || a.department.localeCompare(b.department);
  });
}

/** The district overview: one row per department of the year, sortable, each a link to its view. */
export function overview({ year, years, rows, sort, summary }) {
  const header = (key, label) => `<th scope="col"><button class="sort${sort.key === key ? ' active' : ''}" data-sort="${key}">
      ${escape(label)}${sort.key === key ? (sort.direction > 0 ? ' ▲' : ' ▼') : ''}</button></th>`;
  const body = rows.length === 0 ? `<tr><td colspan="6" class="empty">${escape(t('noData'))}</td></tr>`
    : rows.map((d) => `<tr class="department" data-department="${escape(d.department)}" tabindex="0">
        <th scope="row" data-label="${escape(t('department'))}"><a href="#/departments/${encodeURIComponent(d.department)}/years/${year}">
          ${escape(d.name)}</a><small>${escape(d.department)}</small></th>
        <td data-label="${escape(t('executionRate'))}" class="rate"><span class="figure" data-field="executionRate">${escape(percent(d.executionRate))}</span>
          ${bullet(d.executionRate, d.timeProgress)}</td>
        <td data-label="${escape(t('timeProgress'))}" data-field="timeProgress">${escape(percent(d.timeProgress))}</td>
        <td data-label="${escape(t('openAlerts'))}" class="alerts" data-field="openAlerts">${severityBadges(d.counts)}</td>
        <td data-label="${escape(t('projected'))}" data-field="projected">${scoreText(d.projected)}</td>
        <td data-label="${escape(t('latestEvaluation'))}" data-field="evaluation">${scoreText(d.evaluation)}</td>
      </tr>`).join('');
  return `<section class="overview">
      <div class="toolbar"><h2>${escape(t('district'))} · ${escape(year)}</h2>
        <label>${escape(t('year'))} <select id="year">${years.map((y) => `<option${y === year ? ' selected' : ''}>${escape(y)}</option>`).join('')}</select></label>
      </div>
      ${summaryCard(summary)}
      <table class="departments">
        <thead><tr>${header('department', t('department'))}${header('rate', t('executionRate'))}${header('behind', t('timeProgress'))}
          ${header('alerts', t('openAlerts'))}${header('projected', t('projected'))}<th scope="col">${escape(t('latestEvaluation'))}</th></tr></thead>
        <tbody>${body}</tbody>
      </table>
    </section>`;
}

/** The district roll-up (newer API), shown with whatever of its fields are there. */
function summaryCard(summary) {
  if (!summary) return '';
  const totals = summary.totals ?? summary;
  const behind = summary.furthestBehind ?? summary.departmentsFurthestBehind ?? [];
  return `<div class="cards summary">
      <div class="card"><span>${escape(t('summary'))} · ${escape(t('budget'))}</span><b>${escape(wan(totals.budget))}</b><small>${escape(t('amountUnit'))}</small></div>
      <div class="card"><span>${escape(t('executed'))}</span><b>${escape(wan(totals.executed))}</b><small>${escape(t('amountUnit'))}</small></div>
      <div class="card"><span>${escape(t('executionRate'))}</span><b>${escape(percent(totals.executionRate))}</b>
        <small>${escape(t('timeProgress'))} ${escape(percent(totals.timeProgress))}</small></div>
      ${behind.length ? `<div class="card"><span>${escape(t('furthestBehind'))}</span><b class="small">${behind.slice(0, 3)
        .map((d) => escape(d.name ?? d.departmentName ?? d.department)).join('、')}</b></div>` : ''}
    </div>`;
}

/** One department-year: figures, the curve, quarters, alerts (with acknowledgement), KPIs. */
export function department({ execution, listed, alerts, kpis, mayAcknowledge, curveQuarterly }) {
  const e = execution;
  const quarters = (e.quarters ?? []).map((q) => `<tr>
      <th scope="row">Q${escape(q.quarter)}</th><td>${escape(percent(q.target))}</td><td>${escape(percent(q.cumulativeRate))}</td>
      <td>${escape(percent(q.rateVsTarget))}</td><td>${q.closed ? escape(t('closed')) : ''}</td></tr>`).join('');
  return `<section class="department-view" data-department="${escape(e.department)}" data-year="${escape(e.fiscalYear)}">
      <a class="back" href="#/years/${escape(e.fiscalYear)}">${escape(t('back'))}</a>
      <h2>${escape(e.departmentName ?? e.department)} <small>${escape(e.department)} · ${escape(e.fiscalYear)}</small></h2>
      <div class="cards">
        <div class="card"><span>${escape(t('budget'))}</span><b data-field="budget">${escape(wan(e.budget))}</b><small>${escape(t('amountUnit'))}</small></div>
        <div class="card"><span>${escape(t('executed'))}</span><b data-field="executed">${escape(wan(e.executed))}</b><small>${escape(t('amountUnit'))}</small></div>
        <div class="card"><span>${escape(t('available'))}</span><b>${escape(wan(e.available))}</b><small>${escape(t('amountUnit'))}</small></div>
        <div class="card"><span>${escape(t('executionRate'))}</span><b data-field="executionRate">${escape(percent(e.executionRate))}</b>
          ${bullet(e.executionRate, e.timeProgress)}<small>${escape(t('timeProgress'))} ${escape(percent(e.timeProgress))}</small></div>
        ${listed?.projected ? `<div class="card"><span>${escape(t('projected'))}</span><b>${scoreText(listed.projected)}</b></div>` : ''}
        ${listed?.evaluation ? `<div class="card"><span>${escape(t('latestEvaluation'))}</span><b>${scoreText(listed.evaluation)}</b></div>` : ''}
      </div>
      <div class="panel curve"><h3>${escape(curveQuarterly ? t('curveQuarterly') : t('curve'))}</h3><div class="chart" id="curve"></div></div>
      <div class="columns">
        <div class="panel"><h3>${escape(t('byFundSource'))}</h3>${breakdown(e.byFundSource)}
          <h3>${escape(t('quarters'))}</h3>
          <table class="compact"><thead><tr><th>${escape(t('quarter'))}</th><th>${escape(t('target'))}</th><th>${escape(t('cumulativeRate'))}</th>
            <th>${escape(t('vsTarget'))}</th><th></th></tr></thead><tbody>${quarters}</tbody></table></div>
        <div class="panel"><h3>${escape(t('alerts'))}</h3>${alertList(alerts, mayAcknowledge)}</div>
      </div>
      ${kpis ? `<div class="panel kpis"><h3>${escape(t('kpis'))}</h3>${kpiList(kpis)}</div>` : ''}
    </section>`;
}

/** （万元） in Chinese, (10k yuan) in English. */
const inUnit = () => (current() === 'zh' ? `（${t('amountUnit')}）` : ` (${t('amountUnit')})`);

function breakdown(rows = []) {
  return `<table class="compact"><thead><tr><th>${escape(t('fundSource'))}</th><th>${escape(t('budget'))}${escape(inUnit())}</th>
      <th>${escape(t('executed'))}</th><th>${escape(t('executionRate'))}</th></tr></thead><tbody>
      ${rows.map((r) => `<tr><th scope="row">${escape(term(r.key))}</th><td class="num">${escape(wan(r.budget))}</td>
        <td class="num">${escape(wan(r.executed))}</td><td class="num">${escape(percent(r.executionRate))}</td></tr>`).join('')}
    </tbody></table>`;
}

/** Alerts, open ones first and the most severe first, each with its explanation and evidence. */
export function alertList(alerts, mayAcknowledge) {
  if (alerts.length === 0) return `<p class="empty">${escape(t('noAlerts'))}</p>`;
  const rank = (a) => (isOpen(a) ? 0 : 10) + SEVERITIES.indexOf(a.severity);
  return `<ul class="alerts">${[...alerts].sort((a, b) => rank(a) - rank(b) || b.id - a.id).map((a) => `
      <li class="alert ${escape(String(a.severity).toLowerCase())} ${escape(String(a.status).toLowerCase())}" data-alert-id="${escape(a.id)}" data-subject="${escape(a.subject)}"
          data-rule="${escape(a.rule)}" data-status="${escape(a.status)}">
        <div class="head"><span class="badge ${escape(String(a.severity).toLowerCase())}">${escape(term(a.severity))}</span>
          <b>${escape(term(a.rule))}</b> <span class="status">${escape(term(a.status))}</span>
          <time>${escape(dateTime(a.openedAt))}</time></div>
        <p class="message">${escape(a.message)}</p>
        ${a.acknowledgedBy ? `<p class="ack">${escape(t('acknowledged'))} · ${escape(t('acknowledgedBy'))} ${escape(a.acknowledgedBy)}
          ${a.acknowledgementComment ? `：${escape(a.acknowledgementComment)}` : ''}</p>` : ''}
        ${mayAcknowledge && (a.status === 'OPEN' || a.status === 'ESCALATED')
          ? `<button class="acknowledge" data-acknowledge="${escape(a.id)}">${escape(t('acknowledge'))}</button>` : ''}
      </li>`).join('')}</ul>`;
}

function kpiList(kpis) {
  if (kpis.length === 0) return `<p class="empty">${escape(t('noData'))}</p>`;
  return `<table class="compact"><thead><tr><th>${escape(t('kpis'))}</th><th>${escape(t('target'))}</th><th>${escape(t('actual'))}</th>
      <th>${escape(t('completion'))}</th></tr></thead><tbody>${kpis.map((k) => {
        const done = ratioNumber(k.completion);
        return `<tr class="${k.onTrack === false ? 'off-track' : ''}"><th scope="row">${escape(k.kpi)} ${escape(k.name)}</th>
          <td class="num">${escape(k.target)} ${escape(k.unit)}</td><td class="num">${escape(k.actual ?? '—')}</td>
          <td><div class="progress"><div style="width:${done === null ? 0 : Math.min(done, 1) * 100}%"></div></div>
            ${escape(percent(k.completion))} ${k.onTrack === undefined || k.onTrack === null ? ''
              : `<span class="badge ${k.onTrack ? 'ok' : 'warning'}">${escape(k.onTrack ? t('onTrack') : t('offTrack'))}</span>`}</td></tr>`;
      }).join('')}</tbody></table>`;
}

/** The live feed: transitions received since the page opened, newest first. */
export function liveFeed(received) {
  if (received.length === 0) return `<p class="empty">${escape(t('liveEmpty'))}</p>`;
  return `<ul class="feed">${received.map(({ transition: x, receivedAt }) => `
      <li class="${escape(String(x.severity).toLowerCase())}" data-alert-id="${escape(x.alertId)}" data-transition-id="${escape(x.id)}"
          data-rule="${escape(x.rule)}" data-subject="${escape(x.subject)}" data-received-at="${receivedAt}" data-at="${escape(x.at)}">
        <a href="#/departments/${encodeURIComponent(x.department)}/years/${encodeURIComponent(x.fiscalYear)}">
          <span class="badge ${escape(String(x.severity).toLowerCase())}">${escape(term(x.transition))}</span>
          <b>${escape(term(x.rule))}</b> ${escape(x.department)} ${escape(x.fiscalYear)}</a>
        <p>${escape(x.message)}</p><time>${escape(dateTime(x.at))}</time>
      </li>`).join('')}</ul>`;
}

/** The quarterly curve the execution and lines endpoints allow, where the series endpoint is missing. */
export function quarterlySeries(execution, lines) {
  const bySource = new Map();
  for (const line of lines ?? []) {
    const entry = bySource.get(line.fundSource) ?? { budget: 0n, cumulative: [0n, 0n, 0n, 0n] };
    entry.budget += cents(line.budget) ?? 0n;
    (line.quarters ?? []).forEach((q) => { entry.cumulative[q.quarter - 1] += cents(q.cumulative) ?? 0n; });
    bySource.set(line.fundSource, entry);
  }
  const ends = (execution.quarters ?? []).map((q) => q.endsOn);
  const asOf = execution.asOf;
  const fundSources = [...bySource.entries()].filter(([, e]) => e.budget > 0n).map(([key, e]) => {
    const points = ends.map((date, i) => ({ date, rate: Number(e.cumulative[i]) / Number(e.budget) }))
      .filter((p) => !asOf || p.date <= asOf);
    const now = (execution.byFundSource ?? []).find((b) => b.key === key);
    if (asOf && now && !points.some((p) => p.date === asOf)) points.push({ date: asOf, rate: ratioNumber(now.executionRate) });
    return { key, points };
  });
  return {
    fundSources,
    timeProgress: [],
    quarterTargets: (execution.quarters ?? []).map((q) => ({ date: q.endsOn, rate: q.target, quarter: q.quarter }))
  };
}
