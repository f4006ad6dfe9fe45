#!/usr/bin/env python3
"""Independent checker of the golden demo ledger `shijing-2021.ndjson`.

Reads the NDJSON scenario (shared/design/API.md section 1) and recomputes, from the definitions
in shared/design/RUBRIC.md, every input figure of the 2021 Shijing self-evaluation and every
indicator's points; verifies the ledger invariants; prints a table. Exit code 0 only when every
figure equals the seed report and every invariant holds.

It shares no code with generate_shijing.py on purpose. Python 3 standard library only; money is
Decimal (scale 2), never float.

Usage:  python3 check_shijing.py [shijing-2021.ndjson]
"""
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal, ROUND_HALF_UP, ROUND_FLOOR
from pathlib import Path

Q4 = Decimal("0.0001")
Q2 = Decimal("0.01")
AMOUNT_RE = re.compile(r"^-?\d+\.\d{2}$")
FUNDS = {"GENERAL_PUBLIC_BUDGET", "GOVERNMENT_FUND", "STATE_CAPITAL", "SPECIAL_ACCOUNT", "OTHER"}
ETYPES = {"PERSONNEL", "PUBLIC_EXPENSE", "PROJECT"}
THREE = {"NONE", "OVERSEAS_TRAVEL", "OFFICIAL_VEHICLES", "OFFICIAL_RECEPTION"}
DIRECTIONS = {"HIGHER_IS_BETTER", "LOWER_IS_BETTER", "QUALITATIVE"}

REQUIRED = {
    "OpenFiscalYear": ["departmentName", "rubric"],
    "AllocateBudget": ["line", "name", "fundSource", "expenditureType", "threePublic", "appropriation", "amount"],
    "AdjustBudget": ["line", "kind", "amount", "reason"],
    "TransferBudget": ["fromLine", "toLine", "amount", "reason"],
    "RecordDisbursement": ["line", "voucher", "amount", "payee", "purpose", "procurement"],
    "ReverseDisbursement": ["line", "voucher", "reason"],
    "CloseQuarter": ["quarter", "reportedExecution"],
    "ReclaimFunds": ["line", "amount"],
    "CarryOverFunds": ["line", "amount"],
    "CloseFiscalYear": [],
    "ApproveProcurementPlan": ["amount"],
    "ReportAssetUtilization": ["inUse", "total"],
    "SetPerformanceTarget": ["kpi", "task", "name", "direction", "points"],
    "ReportPerformanceProgress": ["kpi"],
    "RecordQualitativeAssessment": ["indicator", "deduction", "reason", "evaluator"],
    "RecordBonusPenalty": ["points", "reason"],
}

# the rubric `baiyun-2022` as far as this checker needs it (RUBRIC.md)
QUALITATIVE_MAX = {"A1.2": 3, "A1.3": 2, "A1.7": 3, "A3.1": 2, "A3.2": 2, "A4.1": 1, "A4.2": 1,
                   "A6.1": 3, "A6.2": 2, "A6.3": 2, "A6.5": 4, "A6.6": 2}

# 2021 public holidays and adjusted working days (to check voucher dates are business days)
HOLIDAY_SPANS = [("2021-01-01", "2021-01-03"), ("2021-02-11", "2021-02-17"), ("2021-04-03", "2021-04-05"),
                 ("2021-05-01", "2021-05-05"), ("2021-06-12", "2021-06-14"), ("2021-09-19", "2021-09-21"),
                 ("2021-10-01", "2021-10-07")]
WORKDAYS = {"2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18", "2021-09-26", "2021-10-09"}


def business_day(d):
    s = d.isoformat()
    if s in WORKDAYS:
        return True
    for a, b in HOLIDAY_SPANS:
        if a <= s <= b:
            return False
    return d.weekday() < 5


def r4(num, den):
    return (Decimal(num) / Decimal(den)).quantize(Q4, rounding=ROUND_HALF_UP)


def pts(x):
    return Decimal(x).quantize(Q2, rounding=ROUND_HALF_UP)


def num(d):
    """Decimal for display: no exponent, no trailing zeros (2.00 -> 2, 1.50 -> 1.5)."""
    if isinstance(d, Decimal):
        s = format(d.normalize(), "f")
        return s
    return d


def pct(rate):
    return f"{(rate * 100).quantize(Q2)}%"


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, msg):
        self.errors.append(msg)

    def run(self, path):
        rows = []
        with open(path, encoding="utf-8") as fh:
            for n, raw in enumerate(fh, 1):
                if not raw.strip():
                    self.err(f"line {n}: empty line")
                    continue
                try:
                    rows.append((n, json.loads(raw)))
                except json.JSONDecodeError as e:
                    self.err(f"line {n}: not JSON ({e})")
        self.n_lines = len(rows)
        self.apply(rows)
        return self.report()

    # ------------------------------------------------------------------ ledger replay
    def amount(self, n, c, key, allow_zero=False):
        v = c.get(key)
        if not isinstance(v, str) or not AMOUNT_RE.match(v):
            self.err(f"line {n}: {key}={v!r} is not a decimal string with 2 decimals")
            return Decimal(0)
        d = Decimal(v)
        if d < 0 or (d == 0 and not allow_zero):
            self.err(f"line {n}: {key} must be positive")
        return d

    def apply(self, rows):
        self.lines = {}          # code -> attrs
        self.alloc = defaultdict(Decimal)
        self.supp = defaultdict(Decimal)
        self.red = defaultdict(Decimal)
        self.tin = defaultdict(Decimal)
        self.tout = defaultdict(Decimal)
        self.spent = defaultdict(Decimal)      # net, running
        self.reclaimed = defaultdict(Decimal)
        self.carried = defaultdict(Decimal)
        self.disb = {}           # voucher -> (line, amount, date, procurement)
        self.reversed = {}       # voucher -> date
        self.flow = []           # (date, line, signed amount, procurement)
        self.closed_q = []
        self.reported = {}
        self.plan = None
        self.plan_line = None
        self.assets = None
        self.kpis = {}
        self.progress = defaultdict(list)
        self.qual = []
        self.bonus = []
        self.types = Counter()
        self.proc_before_plan = 0
        self.non_bday = 0
        self.cross_quarter_reversals = 0
        opened = closed = False
        last_date = None
        dept = year = None

        for n, c in rows:
            t = c.get("type")
            self.types[t] += 1
            if t not in REQUIRED:
                self.err(f"line {n}: unknown type {t!r}")
                continue
            for f in ["department", "fiscalYear", "occurredOn"] + REQUIRED[t]:
                if f not in c:
                    self.err(f"line {n}: {t} lacks {f}")
            if dept is None:
                dept, year = c.get("department"), c.get("fiscalYear")
            if c.get("department") != dept or c.get("fiscalYear") != year:
                self.err(f"line {n}: department/fiscalYear differ from the first line")
            try:
                d = dt.date.fromisoformat(c.get("occurredOn", ""))
            except ValueError:
                self.err(f"line {n}: bad occurredOn {c.get('occurredOn')!r}")
                continue
            if d.year != year:
                self.err(f"line {n}: occurredOn {d} outside fiscal year {year}")
            if last_date and d < last_date:
                self.err(f"line {n}: occurredOn {d} before the previous line ({last_date})")
            last_date = d
            if closed:
                self.err(f"line {n}: {t} after CloseFiscalYear")
            if not opened and t != "OpenFiscalYear":
                self.err(f"line {n}: {t} before OpenFiscalYear")

            if t == "OpenFiscalYear":
                if opened:
                    self.err(f"line {n}: second OpenFiscalYear")
                opened = True
                self.open = c
                self.targets = [Decimal(x) for x in c.get("quarterTargets", ["0.25", "0.50", "0.75", "1.00"])]
            elif t == "AllocateBudget":
                code = c["line"]
                if code in self.lines:
                    self.err(f"line {n}: line {code} allocated twice")
                if c["fundSource"] not in FUNDS or c["expenditureType"] not in ETYPES or c["threePublic"] not in THREE \
                        or not isinstance(c["appropriation"], bool):
                    self.err(f"line {n}: bad enumeration in AllocateBudget {code}")
                self.lines[code] = c
                self.alloc[code] += self.amount(n, c, "amount")
            elif t == "AdjustBudget":
                code = c["line"]
                if code not in self.lines:
                    self.err(f"line {n}: unknown line {code}")
                    continue
                a = self.amount(n, c, "amount")
                if c["kind"] == "SUPPLEMENT":
                    self.supp[code] += a
                elif c["kind"] == "REDUCTION":
                    self.red[code] += a
                    if self.budget(code) < self.spent[code]:
                        self.err(f"line {n}: reduction takes {code} below what is spent")
                else:
                    self.err(f"line {n}: bad kind {c['kind']}")
            elif t == "TransferBudget":
                f, to = c["fromLine"], c["toLine"]
                if f not in self.lines or to not in self.lines or f == to:
                    self.err(f"line {n}: bad transfer {f}->{to}")
                    continue
                a = self.amount(n, c, "amount")
                self.tout[f] += a
                self.tin[to] += a
                if self.budget(f) < self.spent[f]:
                    self.err(f"line {n}: transfer takes {f} below what is spent")
            elif t == "RecordDisbursement":
                code, v = c["line"], c["voucher"]
                if code not in self.lines:
                    self.err(f"line {n}: unknown line {code}")
                    continue
                if v in self.disb:
                    self.err(f"line {n}: duplicate voucher {v}")
                    continue
                if not re.match(r"^2021-\d{6}$", v):
                    self.err(f"line {n}: voucher {v} not in the 2021-NNNNNN form")
                if not business_day(d):
                    self.non_bday += 1
                a = self.amount(n, c, "amount")
                proc = c["procurement"]
                if not isinstance(proc, bool):
                    self.err(f"line {n}: procurement must be a bool")
                if proc and self.plan is None:
                    self.proc_before_plan += 1
                if a > self.budget(code) - self.spent[code] - self.reclaimed[code] - self.carried[code]:
                    self.err(f"line {n}: disbursement {v} {a} exceeds available on {code}")
                self.spent[code] += a
                self.disb[v] = (code, a, d, bool(proc))
                self.flow.append((d, code, a, bool(proc)))
            elif t == "ReverseDisbursement":
                v = c["voucher"]
                if v not in self.disb:
                    self.err(f"line {n}: reversal of unknown voucher {v}")
                    continue
                if v in self.reversed:
                    self.err(f"line {n}: voucher {v} reversed twice")
                    continue
                code, a, d0, proc = self.disb[v]
                if c["line"] != code:
                    self.err(f"line {n}: reversal line {c['line']} differs from voucher line {code}")
                if d < d0:
                    self.err(f"line {n}: reversal dated before its voucher")
                if (d.month - 1) // 3 != (d0.month - 1) // 3:
                    self.cross_quarter_reversals += 1
                self.reversed[v] = d
                self.spent[code] -= a
                self.flow.append((d, code, -a, proc))
            elif t == "CloseQuarter":
                q = c["quarter"]
                expect = len(self.closed_q) + 1
                if q != expect:
                    self.err(f"line {n}: CloseQuarter {q}, expected {expect}")
                qend = self.quarter_end(q)
                if d < qend:
                    self.err(f"line {n}: quarter {q} closed on {d}, before its last day {qend}")
                self.closed_q.append(q)
                self.reported[q] = {k: Decimal(v) for k, v in c["reportedExecution"].items()}
            elif t == "ReclaimFunds" or t == "CarryOverFunds":
                code = c["line"]
                if code not in self.lines:
                    self.err(f"line {n}: unknown line {code}")
                    continue
                a = self.amount(n, c, "amount")
                if not self.lines[code]["appropriation"]:
                    self.err(f"line {n}: {t} on a non-appropriation line {code}")
                avail = self.budget(code) - self.spent[code] - self.reclaimed[code] - self.carried[code]
                if a > avail:
                    self.err(f"line {n}: {t} {a} exceeds the unspent {avail} of {code}")
                (self.reclaimed if t == "ReclaimFunds" else self.carried)[code] += a
            elif t == "CloseFiscalYear":
                closed = True
                if self.closed_q != [1, 2, 3, 4]:
                    self.err(f"line {n}: CloseFiscalYear with quarters closed {self.closed_q}")
            elif t == "ApproveProcurementPlan":
                if self.plan is not None:
                    self.err(f"line {n}: second procurement plan (checker expects one)")
                self.plan = self.amount(n, c, "amount")
            elif t == "ReportAssetUtilization":
                self.assets = (Decimal(c["inUse"]), Decimal(c["total"]))
            elif t == "SetPerformanceTarget":
                if c["direction"] not in DIRECTIONS:
                    self.err(f"line {n}: bad direction")
                if c["direction"] != "QUALITATIVE" and "target" not in c:
                    self.err(f"line {n}: quantitative KPI without target")
                if c["kpi"] in self.kpis:
                    self.err(f"line {n}: KPI {c['kpi']} set twice")
                self.kpis[c["kpi"]] = c
            elif t == "ReportPerformanceProgress":
                k = c["kpi"]
                if k not in self.kpis:
                    self.err(f"line {n}: progress for unknown KPI {k}")
                    continue
                if self.kpis[k]["direction"] == "QUALITATIVE":
                    if not isinstance(c.get("met"), bool):
                        self.err(f"line {n}: qualitative progress without met")
                elif not isinstance(c.get("actual"), str):
                    self.err(f"line {n}: quantitative progress without actual string")
                self.progress[k].append((d, c))
            elif t == "RecordQualitativeAssessment":
                self.qual.append(c)
            elif t == "RecordBonusPenalty":
                self.bonus.append(Decimal(c["points"]))
        if not closed:
            self.err("no CloseFiscalYear")
        if rows and rows[-1][1].get("type") != "CloseFiscalYear":
            self.err("the last line is not CloseFiscalYear")

    def budget(self, code):
        return self.alloc[code] + self.supp[code] - self.red[code] + self.tin[code] - self.tout[code]

    def quarter_end(self, q):
        return {1: dt.date(2021, 3, 31), 2: dt.date(2021, 6, 30), 3: dt.date(2021, 9, 30), 4: dt.date(2021, 12, 31)}[q]

    # ------------------------------------------------------------------ figures
    def sel(self, pred):
        codes = [c for c, l in self.lines.items() if pred(l)]
        b = sum((self.budget(c) for c in codes), Decimal(0))
        e = sum((self.spent[c] for c in codes), Decimal(0))
        return codes, b, e

    def report(self):
        out = []
        ok = True

        def row(label, value, expect=None, note=""):
            nonlocal ok
            good = expect is None or str(value) == str(expect)
            ok &= good
            mark = "" if expect is None else ("ok" if good else f"FAIL (expected {expect})")
            out.append(f"  {label:<44} {str(value):>18}  {mark} {note}".rstrip())

        all_codes, B, E = self.sel(lambda l: True)
        adj_all = sum((self.alloc[c] + self.supp[c] - self.red[c] for c in all_codes), Decimal(0))
        if adj_all != B:
            self.err("transfers do not net to zero")
        out.append(f"ledger: {self.n_lines} lines, {len(self.lines)} budget lines, "
                   f"{self.types['RecordDisbursement']} disbursements, {self.types['ReverseDisbursement']} reversals, "
                   f"{self.types['AdjustBudget']} adjustments, {self.types['TransferBudget']} transfers")
        out.append("")
        out.append("figure                                                    value  check")
        row("adjusted budget, all funds (yuan)", B, "160610200.00")
        row("executed, all funds (yuan)", E, "150426500.00")
        a11 = r4(E, B)
        row("A1.1 预算完成率", pct(a11), "93.66%")

        _, AB, AE = self.sel(lambda l: l["appropriation"])
        AR = sum((self.reclaimed[c] for c, l in self.lines.items() if l["appropriation"]), Decimal(0))
        AC = sum((self.carried[c] for c, l in self.lines.items() if l["appropriation"]), Decimal(0))
        left = AB - AE - AR - AC
        row("appropriation adjusted budget (yuan)", AB)
        row("appropriation executed (yuan)", AE)
        row("appropriation reclaimed at year end (yuan)", AR)
        a14 = r4(AR, AB)
        row("A1.4 财政拨款收入预决算差异率", pct(a14).replace("9.00%", "9.0%"), "9.0%")
        row("  (rate to 4 decimals)", a14, "0.0900")
        a16 = r4(AC + left, AB)
        row("A1.6 结转结余率 (carried + left over)", pct(a16).replace("0.00%", "0%"), "0%")
        row("  appropriation carried over + left over", AC + left, "0.00")

        gp_codes, GB, GE = self.sel(lambda l: l["fundSource"] == "GENERAL_PUBLIC_BUDGET")
        rates = []
        for q in range(1, 5):
            qend = self.quarter_end(q)
            cum = sum((a for d, c, a, _p in self.flow if c in gp_codes and d <= qend), Decimal(0))
            cr = Decimal(cum) / GB
            rq = min(cr / self.targets[q - 1], Decimal(1))
            rates.append(rq)
            row(f"  Q{q} GP cumulative / target {pct(self.targets[q - 1])}",
                f"{pct(cr.quantize(Q4, ROUND_HALF_UP))} -> {pct(rq.quantize(Q4, ROUND_HALF_UP))}")
        a15 = (sum(rates) / 4).quantize(Q4, rounding=ROUND_HALF_UP)
        row("A1.5 一般公共预算支出年度平均执行率", pct(a15), "97.95%")
        q_shape = rates[1] == 1 and rates[0] < 1 and rates[2] < 1 and rates[3] < 1
        row("  Q2 at 100%, Q1/Q3/Q4 below", q_shape, True)

        _, BB, BE = self.sel(lambda l: l["expenditureType"] in ("PERSONNEL", "PUBLIC_EXPENSE"))
        basic = r4(BE, BB)
        row("basic expenditure (基本支出) execution", pct(basic).replace("86.40%", "86.4%"), "86.4%")
        _, PB, PE = self.sel(lambda l: l["expenditureType"] == "PERSONNEL")
        row("  personnel execution (info)", pct(r4(PE, PB)))
        _, UB, UE = self.sel(lambda l: l["expenditureType"] == "PUBLIC_EXPENSE")
        a51 = r4(UE, UB)
        row("A5.1 公用经费控制率", pct(a51), "98.22%")
        _, TB, TE = self.sel(lambda l: l["threePublic"] != "NONE")
        a52 = r4(TE, TB)
        row("A5.2 三公经费控制率", pct(a52), "64.59%")
        inuse, total = self.assets
        a43 = r4(inuse, total)
        row("A4.3 固定资产利用率", pct(a43), "99.93%")

        proc = sum((a for _d, _c, a, p in self.flow if p), Decimal(0))
        a2rate = r4(proc, self.plan)
        row("A2 procurement actual / plan", f"{proc} / {self.plan}")
        row("A2 政府采购执行率 < 100%", a2rate < 1, True)
        row("  procurement disbursements before the plan", self.proc_before_plan, 0)

        # KPIs
        tasks = Counter(k["task"] for k in self.kpis.values())
        row("KPIs declared", len(self.kpis), 25)
        row("KPIs per task B1..B6", ",".join(str(tasks[f"B{i}"]) for i in range(1, 7)), "4,4,5,4,4,4")
        met = 0
        kpi_pts = {}
        loosest = (Decimal(0), None)
        for code, k in sorted(self.kpis.items()):
            if not self.progress[code]:
                self.err(f"KPI {code} without progress")
                continue
            last = self.progress[code][-1][1]
            mx = Decimal(k["points"])
            if k["direction"] == "QUALITATIVE":
                m = last["met"]
                p = mx if m else Decimal(0)
            else:
                actual, target = Decimal(last["actual"]), Decimal(k["target"])
                if k["direction"] == "HIGHER_IS_BETTER":
                    comp = actual / target
                else:
                    comp = target / actual if actual else Decimal(10 ** 6)
                comp4 = comp.quantize(Q4, rounding=ROUND_HALF_UP)
                m = comp4 >= 1
                p = pts(mx * min(comp4, Decimal(1)))
                if comp4 > loosest[0]:
                    loosest = (comp4, code)
            met += bool(m)
            kpi_pts[code] = (k["task"], p)
        row("KPIs met at year end", f"{met}/{len(self.kpis)}", "24/25")
        row("loosest KPI completion", f"{pct(loosest[0])} ({loosest[1]})", "746.67% (B5.3)")
        ktarget = self.kpis.get("B5.3", {})
        row("  B5.3 target / actual", f"{ktarget.get('target')} / {self.progress['B5.3'][-1][1].get('actual')}", "15 / 112")

        # qualitative
        ded = defaultdict(Decimal)
        for qa in self.qual:
            ded[qa["indicator"]] += Decimal(qa["deduction"])
        q = {code: Decimal(mx) - ded[code] for code, mx in QUALITATIVE_MAX.items()}

        # points
        p = {}
        p["A1.1"] = pts(2 * min(a11, 1))
        p["A1.2"], p["A1.3"] = q["A1.2"], q["A1.3"]
        steps = (a14 / Decimal("0.05")).to_integral_value(rounding=ROUND_FLOOR)
        p["A1.4"] = pts(max(Decimal(2) - Decimal("0.5") * steps, Decimal(0)))
        p["A1.5"] = pts(2 * a15)
        # a positive (or, on an inconsistent ledger, negative) rate: the A1.4 step rule, as RUBRIC.md suggests
        steps16 = (abs(a16) / Decimal("0.05")).to_integral_value(rounding=ROUND_FLOOR)
        p["A1.6"] = pts(2) if a16 == 0 else pts(max(Decimal(2) - Decimal("0.5") * max(steps16, 1), Decimal(0)))
        p["A1.7"] = q["A1.7"]
        all_planned = self.plan is not None and self.proc_before_plan == 0
        p["A2"] = pts(2 if all_planned and a2rate <= 1 else 0)
        p["A3.1"], p["A3.2"] = q["A3.1"], q["A3.2"]
        p["A4.1"], p["A4.2"] = q["A4.1"], q["A4.2"]
        p["A4.3"] = pts(2 * a43)
        # above 100% is a locality rule the seed does not show; this checker gives 0 (assumption)
        p["A5.1"] = pts(2) if a51 <= 1 else pts(0)
        p["A5.2"] = pts(2) if a52 <= 1 else pts(0)
        for c in ("A6.1", "A6.2", "A6.3", "A6.5", "A6.6"):
            p[c] = q[c]
        p["A6.4"] = pts(2 * r4(met, len(self.kpis)))
        out.append("")
        out.append("indicator points")
        expect_pts = {"A1.1": "1.87", "A1.2": "3", "A1.3": "2", "A1.4": "1.5", "A1.5": "1.96", "A1.6": "2",
                      "A1.7": "3", "A2": "2", "A3.1": "2", "A3.2": "2", "A4.1": "1", "A4.2": "1", "A4.3": "2",
                      "A5.1": "2", "A5.2": "2", "A6.1": "2.5", "A6.2": "2", "A6.3": "2", "A6.4": "1.92",
                      "A6.5": "3", "A6.6": "1.5"}
        for code in expect_pts:
            row(code, num(p[code]), expect_pts[code])
        A1 = sum(p[c] for c in ("A1.1", "A1.2", "A1.3", "A1.4", "A1.5", "A1.6", "A1.7"))
        A3 = p["A3.1"] + p["A3.2"]
        A4 = p["A4.1"] + p["A4.2"] + p["A4.3"]
        A5 = p["A5.1"] + p["A5.2"]
        A6 = sum(p[c] for c in ("A6.1", "A6.2", "A6.3", "A6.4", "A6.5", "A6.6"))
        A = A1 + p["A2"] + A3 + A4 + A5 + A6
        row("A1 资金管理", num(A1), "15.33")
        row("A3 信息公开管理", num(A3), "4")
        row("A4 资产管理", num(A4), "4")
        row("A5 成本管理", num(A5), "4")
        row("A6 绩效管理", num(A6), "12.92")
        row("A 管理效能", num(A), "42.25")
        Bt = {}
        for i in range(1, 7):
            Bt[f"B{i}"] = sum((pp for t, pp in kpi_pts.values() if t == f"B{i}"), Decimal(0))
        row("B1..B6", " ".join(num(Bt[f'B{i}']) for i in range(1, 7)), "8 8 10 8 6 8")
        b7 = max(min(sum(self.bonus, Decimal(0)), Decimal(5)), Decimal(-5))
        row("B7 工作表现加减分", num(b7), "0")
        Btot = sum(Bt.values()) + b7
        row("B 履职效能", num(Btot), "48")
        total = A + Btot
        row("TOTAL", num(total), "90.25")

        # reconciliation and invariants
        out.append("")
        out.append("invariants")
        for qn in range(1, 5):
            qend = self.quarter_end(qn)
            ledger = defaultdict(Decimal)
            for d, c, a, _p in self.flow:
                if d <= qend:
                    ledger[self.lines[c]["fundSource"]] += a
            rep = self.reported.get(qn, {})
            keys = set(ledger) | set(rep)
            match = all(ledger.get(k, Decimal(0)) == rep.get(k, Decimal(0)) for k in keys)
            row(f"Q{qn} reported execution == ledger", match, True,
                " ".join(f"{k[:3]}={rep.get(k)}" for k in sorted(rep)))
        row("quarters closed in order", self.closed_q, [1, 2, 3, 4])
        row("disbursements on non-business days", self.non_bday, 0)
        row("reversals outside their voucher's quarter", self.cross_quarter_reversals, 0,
            "(keeps A1.5 independent of how a late reversal is dated)")
        neg = [c for c in self.lines if self.budget(c) - self.spent[c] - self.reclaimed[c] - self.carried[c] < 0]
        row("lines below zero available at year end", len(neg), 0)
        row("RecordBonusPenalty lines", len(self.bonus), 0)
        row("invariant violations found while replaying", len(self.errors), 0)
        for e in self.errors[:30]:
            out.append("    ! " + e)
        print("\n".join(out))
        ok &= not self.errors
        print("\nRESULT:", "PASS" if ok else "FAIL")
        return 0 if ok else 1


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name("shijing-2021.ndjson")
    sys.exit(Checker().run(path))


if __name__ == "__main__":
    main()
