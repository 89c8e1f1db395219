// ident.mjs - valid identifiers for test stories: the check characters of
// GB 32100-2015 (USCC) and GB 11643-1999 (resident ID), computed here so each
// story can make as many applicants as it needs.
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

// A USCC of 17 given characters and its check character.
export function uscc(body17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body17[i]) * USCC_WEIGHTS[i];
  return body17 + USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

// An organisation's USCC in division `region` with serial n (an enterprise, 91...).
export function orgUscc(region, n) {
  return uscc('91' + region + String(n).padStart(8, '0') + '1');
}

// A resident ID number: division, birth date YYYYMMDD, sequence of three digits.
export function residentId(region, birth, seq) {
  const body = region + birth.replaceAll('-', '') + String(seq).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i];
  return body + '10X98765432'[sum % 11];
}
