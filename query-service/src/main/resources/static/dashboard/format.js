// Figures as the seed prints them. Amounts arrive as exact yuan strings ("160610200.00"); they are
// shown in 万元 with two decimals (16,061.02), computed on integers so no cent is lost to floating point.

/** "160610200.00" → 16061020000n (cents), or null for anything that is not an amount. */
export function cents(yuan) {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(yuan).trim());
  if (!match) return null;
  const value = BigInt(match[2]) * 100n + BigInt((match[3] || '').padEnd(2, '0'));
  return match[1] ? -value : value;
}

/** 万元 with two decimals, half up, grouped by thousands: "160610200.00" → "16,061.02". */
export function wan(yuan) {
  const c = cents(yuan);
  if (c === null) return '—';
  const negative = c < 0n;
  const magnitude = negative ? -c : c;
  const hundredths = (magnitude + 5000n) / 10000n; // cents → 万元 hundredths (1 万元 = 1,000,000 cents)
  const whole = (hundredths / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (hundredths % 100n).toString().padStart(2, '0');
  return (negative && hundredths !== 0n ? '-' : '') + whole + '.' + fraction;
}

/** 万元 as a number, for chart axes only (never for a figure a user reads as text). */
export function wanNumber(yuan) {
  const c = cents(yuan);
  return c === null ? null : Number(c) / 1e6;
}

/** A ratio string ("0.9366") → "93.66%". */
export function percent(ratio) {
  const value = ratioNumber(ratio);
  return value === null ? '—' : (Math.round(value * 10000) / 100).toFixed(2) + '%';
}

export function ratioNumber(ratio) {
  if (ratio === null || ratio === undefined || ratio === '') return null;
  const value = Number(ratio);
  return Number.isFinite(value) ? value : null;
}

/** "2021-06-30T08:00:00Z" → local "2021-06-30 16:00". */
export function dateTime(instant) {
  if (!instant) return '';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return String(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Text for HTML: every figure and message goes through here before it reaches innerHTML. */
export function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'
  })[c]);
}
