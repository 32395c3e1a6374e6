// A cell that starts like a formula would be run by Excel or Sheets when the CSV is opened
// (CSV injection); a leading apostrophe makes spreadsheets show it as text instead.
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
