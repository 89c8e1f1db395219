// The check character of a unified social credit code (GB 32100-2015), so
// the form says at once whether a typed code can be right.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function usccValid(code) {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += CHARS.indexOf(code[i]) * W[i];
  return CHARS[(31 - (s % 31)) % 31] === code[17];
}
