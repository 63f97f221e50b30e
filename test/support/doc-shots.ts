// Where the screenshots that illustrate docs/ and the README are written: into docs/screenshots only
// when asked (UPDATE_DOC_SCREENSHOTS=1, then look at them and commit), otherwise beside the other test
// output, so an ordinary run never changes the working tree.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function docScreenshotsDir(sub = ''): string {
  const base = process.env.UPDATE_DOC_SCREENSHOTS === '1' ? path.join(ROOT, 'docs/screenshots') : path.join(ROOT, 'test-results/doc-screenshots');
  return path.join(base, sub);
}
