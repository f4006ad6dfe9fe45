// Chinese by default (the seed's terms), English on the toggle; the choice is kept in the browser.

const TEXT = {
  zh: {
    title: '预算执行监控', district: '全区概览', year: '年度', language: 'English',
    signedInAs: '当前用户', signOut: '退出',
    connected: '实时连接', reconnecting: '正在重连…', connecting: '正在连接…', signedOut: '登录已失效，请重新登录',
    department: '部门', executionRate: '预算执行率', timeProgress: '序时进度', openAlerts: '未处理预警',
    projected: '预计得分', latestEvaluation: '自评得分', grade: '等级', budget: '预算数', executed: '执行数',
    available: '可用余额', amountUnit: '万元', back: '← 返回全区概览', behind: '落后',
    curve: '累计执行进度（按资金来源）', curveQuarterly: '累计执行进度（季度末，按资金来源）',
    timeLine: '序时进度', quarterTargets: '季度目标', alerts: '预警', noAlerts: '暂无预警',
    acknowledge: '确认', acknowledged: '已确认', acknowledgedBy: '确认人', kpis: '绩效指标', target: '目标值',
    actual: '实际完成', completion: '完成率', onTrack: '按计划', offTrack: '有风险', live: '实时预警',
    liveEmpty: '页面打开后的新预警将显示在这里', quarters: '季度执行', quarter: '季度', cumulativeRate: '累计执行率',
    vsTarget: '完成目标比', closed: '已结账', summary: '全区合计', departments: '个部门',
    noData: '暂无数据', loading: '加载中…', error: '加载失败', evidence: '依据', sortBy: '排序',
    fundSource: '资金来源', expenditureType: '支出类型', byFundSource: '按资金来源', openedAt: '发生时间',
    unavailable: '接口尚未提供', furthestBehind: '执行最滞后'
  },
  en: {
    title: 'Budget execution monitor', district: 'District overview', year: 'Year', language: '中文',
    signedInAs: 'Signed in as', signOut: 'Sign out',
    connected: 'Live', reconnecting: 'Reconnecting…', connecting: 'Connecting…', signedOut: 'Signed out — please sign in again',
    department: 'Department', executionRate: 'Execution rate', timeProgress: 'Time progress', openAlerts: 'Open alerts',
    projected: 'Projected score', latestEvaluation: 'Self-evaluation', grade: 'Grade', budget: 'Budget', executed: 'Executed',
    available: 'Available', amountUnit: '10k yuan', back: '← Back to the district', behind: 'behind',
    curve: 'Cumulative execution by fund source', curveQuarterly: 'Cumulative execution at quarter ends, by fund source',
    timeLine: 'Time progress', quarterTargets: 'Quarterly targets', alerts: 'Alerts', noAlerts: 'No alerts',
    acknowledge: 'Acknowledge', acknowledged: 'Acknowledged', acknowledgedBy: 'by', kpis: 'Performance indicators', target: 'Target',
    actual: 'Actual', completion: 'Completion', onTrack: 'On track', offTrack: 'At risk', live: 'Live alerts',
    liveEmpty: 'Alerts raised after this page opened appear here', quarters: 'Quarters', quarter: 'Quarter', cumulativeRate: 'Cumulative rate',
    vsTarget: 'Rate vs target', closed: 'closed', summary: 'District total', departments: 'departments',
    noData: 'No data', loading: 'Loading…', error: 'Could not load', evidence: 'Evidence', sortBy: 'Sort',
    fundSource: 'Fund source', expenditureType: 'Expenditure type', byFundSource: 'By fund source', openedAt: 'Raised',
    unavailable: 'not provided by the API yet', furthestBehind: 'Furthest behind'
  }
};

const TERMS = {
  zh: {
    GENERAL_PUBLIC_BUDGET: '一般公共预算', GOVERNMENT_FUND: '政府性基金预算', STATE_CAPITAL: '国有资本经营预算',
    SPECIAL_ACCOUNT: '财政专户管理资金', OTHER: '其他资金',
    PERSONNEL: '人员经费', PUBLIC_EXPENSE: '公用经费', PROJECT: '项目支出',
    CRITICAL: '严重', WARNING: '警告', INFO: '提示',
    OPEN: '未处理', ESCALATED: '已升级', ACKNOWLEDGED: '已确认', RESOLVED: '已解除',
    OPENED: '新预警', DEESCALATED: '已降级', REOPENED: '重新打开', CLOSED_WITH_YEAR: '随年度结账关闭',
    EXECUTION_BEHIND_SCHEDULE: '执行进度滞后', QUARTER_TARGET_MISSED: '季度目标未完成', OVERSPEND_ATTEMPT: '超额度支付被拒',
    LINE_NEARLY_EXHAUSTED: '项目额度即将用尽', CONTROL_RATE_EXCEEDED: '经费控制率超标', KPI_AT_RISK: '绩效指标实现风险',
    KPI_NOT_REPORTED: '绩效监控未报送', KPI_TARGET_TOO_LOOSE: '绩效目标设置偏低', RECLAIM_RISK: '年末财政收回风险', RECONCILIATION_MISMATCH: '季报执行数与账不符',
    LATE_POSTING: '已结账季度补记支出', PROJECTED_SCORE_DROP: '预计得分下降'
  },
  en: {
    GENERAL_PUBLIC_BUDGET: 'General public budget', GOVERNMENT_FUND: 'Government funds', STATE_CAPITAL: 'State capital',
    SPECIAL_ACCOUNT: 'Special account', OTHER: 'Other funds',
    PERSONNEL: 'Personnel', PUBLIC_EXPENSE: 'Public expense', PROJECT: 'Projects',
    CRITICAL: 'Critical', WARNING: 'Warning', INFO: 'Info',
    OPEN: 'Open', ESCALATED: 'Escalated', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved',
    OPENED: 'New', DEESCALATED: 'De-escalated', REOPENED: 'Reopened', CLOSED_WITH_YEAR: 'Closed with the year',
    EXECUTION_BEHIND_SCHEDULE: 'Execution behind schedule', QUARTER_TARGET_MISSED: 'Quarter target missed',
    OVERSPEND_ATTEMPT: 'Overspend refused', LINE_NEARLY_EXHAUSTED: 'Line nearly exhausted',
    CONTROL_RATE_EXCEEDED: 'Control rate exceeded', KPI_AT_RISK: 'KPI at risk', KPI_NOT_REPORTED: 'KPI progress not reported', KPI_TARGET_TOO_LOOSE: 'KPI target too loose',
    RECLAIM_RISK: 'Year-end reclaim risk', RECONCILIATION_MISMATCH: 'Reported figures differ from the ledger',
    LATE_POSTING: 'Posting in a closed quarter', PROJECTED_SCORE_DROP: 'Projected score dropped'
  }
};

const STORAGE_KEY = 'budget-monitor.language';
let language = localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';

export function current() {
  return language;
}

export function toggle() {
  language = language === 'zh' ? 'en' : 'zh';
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  return language;
}

/** A label of the page. */
export function t(key) {
  return TEXT[language][key] ?? TEXT.zh[key] ?? key;
}

/** A code of the API (fund source, severity, rule …) in words; unknown codes stay as they are. */
export function term(code) {
  return TERMS[language][code] ?? code ?? '';
}

document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
