import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// No user-facing English is written into pages, actions or components: every word a person reads
// comes from the catalogues (lib/i18n/messages), so it exists in every language. The scan reads
// each file with the TypeScript compiler and reports
//   - JSX text with a letter in it (`<p>Saved</p>`),
//   - string literals with a letter in props a person reads or hears (placeholder, aria-label,
//     title, alt, label, hint, caption, what),
//   - in actions and components, string literals with a letter in a `message:` property,
// except the few written on purpose, listed below with the reason.

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['app', 'components'];
const READ_PROPS = new Set(['placeholder', 'aria-label', 'title', 'alt', 'label', 'hint', 'caption', 'what', 'aria-description']);

/** `file: text` pairs that stay as they are, and why. */
const ALLOWED: Record<string, string> = {
  // The product's name, the same in every language.
  'app/layout.tsx: namecheck': 'brand',
  // A zod issue's message inside the action (its refusal is the catalogue's AdminActions.incomplete).
  'app/admin/actions.ts: Not an id.': 'never shown',
};

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) found.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const HAS_LETTER = /\p{L}/u;

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
  return null;
}

/** The English a file writes for people, as `file: text`. */
function literalsIn(path: string): string[] {
  const file = relative(ROOT, path);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const report = (text: string) => {
    const trimmed = text.replace(/\s+/g, ' ').trim();
    if (HAS_LETTER.test(trimmed)) found.push(`${file}: ${trimmed}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node.text);
    if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(source)) && node.initializer) {
      const init = node.initializer;
      const value = ts.isJsxExpression(init) && init.expression ? literalText(init.expression) : literalText(init);
      if (value !== null) report(value);
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'message') {
      const value = literalText(node.initializer);
      if (value !== null) report(value);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing text', () => {
  const files = FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)));

  it('finds the pages, actions and components it scans', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.map((f) => relative(ROOT, f))).toContain('components/signup-form.tsx');
  });

  it('comes from the catalogues, not from English written into pages, actions and components', () => {
    const found = files.flatMap(literalsIn).filter((entry) => !(entry in ALLOWED));
    expect(found).toEqual([]);
  });

  it('would catch English that comes back (the scan is not blind)', () => {
    const probe = join(ROOT, 'components', 'signup-form.tsx');
    const text = readFileSync(probe, 'utf8');
    expect(text).toContain('useTranslations');
    const source = ts.createSourceFile('probe.tsx', 'export const X = () => <p title="Hello there">Saved</p>;', ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    let seen = 0;
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && HAS_LETTER.test(node.text)) seen += 1;
      if (ts.isJsxAttribute(node) && READ_PROPS.has(node.name.getText(source))) seen += 1;
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(seen).toBe(2);
  });
});
