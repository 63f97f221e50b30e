// The fonts the drawn PDF asks Skia for. Skia falls back per character along the list, and embeds a
// subset of each font it used, so the PDF shows the same on any reader. The fonts are the system's
// (no font ships with the app): Windows 10+ has Malgun Gothic and Leelawadee UI, macOS Apple SD Gothic
// Neo and Thonburi, Linux Noto or the Nanum and TLWG packages (docs/reports.md#pdf says what to install).
import fs from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';

/** Latin first (its digits and punctuation), then Hangul, then Thai, in Linux, Windows and macOS names. */
export const SANS = '"DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "NanumGothic", "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK KR", "Garuda", "Loma", "Leelawadee UI", "Thonburi", "Noto Sans Thai", sans-serif';
export const MONO = '"DejaVu Sans Mono", Consolas, Menlo, "Liberation Mono", monospace';

const HANGUL = ['NanumGothic', 'Malgun Gothic', 'Apple SD Gothic Neo', 'Noto Sans CJK KR'];
const THAI = ['Garuda', 'Loma', 'Leelawadee UI', 'Thonburi', 'Noto Sans Thai'];
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', 'C:\\Windows\\Fonts', '/System/Library/Fonts', '/Library/Fonts'];

let checked = false;

/** Skia finds the system's fonts itself on most machines; the usual folders are loaded once when it did not. */
export function ensureFonts(): void {
  if (checked) return;
  checked = true;
  const families = new Set(GlobalFonts.families.map((f) => f.family));
  if (HANGUL.some((f) => families.has(f)) && THAI.some((f) => families.has(f))) return;
  for (const dir of FONT_DIRS) if (fs.existsSync(dir)) GlobalFonts.loadFontsFromDir(dir);
}

/** Which scripts have a font on this machine (a missing one prints as empty boxes). */
export function scriptFonts(): { hangul: string | null; thai: string | null } {
  ensureFonts();
  const families = new Set(GlobalFonts.families.map((f) => f.family));
  return { hangul: HANGUL.find((f) => families.has(f)) ?? null, thai: THAI.find((f) => families.has(f)) ?? null };
}
