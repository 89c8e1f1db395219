// Percentages on the pages, basis points in the API: 12.5 <-> 1250 (an empty or bad entry goes as null: the server names it).
export const toBp = (pct) => (pct === '' || pct === null || Number.isNaN(Number(pct)) ? null : Math.round(Number(pct) * 100));
export const fromBp = (bp) => (Number(bp) / 100).toFixed(2);
export const yuan = (v) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en-US'));
