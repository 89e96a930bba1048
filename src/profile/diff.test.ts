import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffProfiles } from './diff.js';
import { diffHtml, diffMarkdown } from './diff-report.js';
import { createLocator } from './locations.js';
import { profileFromStacks } from './test-profiles.js';

const locate = createLocator('/project', {});

function side(label: string, hotspotSamples: number) {
  return {
    label,
    locate,
    profiles: [
      profileFromStacks([
        { stack: ['main', 'alpha'], samples: 100 },
        { stack: ['main', 'beta'], samples: 100 },
        { stack: ['main', 'hotspot'], samples: hotspotSamples },
        { stack: ['(idle)'], samples: 500 },
      ]),
    ],
  };
}

test('a function slowed in head ranks first, the others lose share', () => {
  const diff = diffProfiles(side('base', 100), side('head', 400));
  const [first, ...rest] = diff.changes;
  assert.equal(first?.name, 'hotspot');
  assert.ok(Math.abs((first?.baseShare ?? 0) - 1 / 3) < 1e-9);
  assert.ok(Math.abs((first?.headShare ?? 0) - 400 / 600) < 1e-9);
  assert.ok((first?.delta ?? 0) > 0);
  assert.deepEqual(rest.slice(0, 2).map((c) => c.name).sort(), ['alpha', 'beta']);
  assert.ok(rest.slice(0, 2).every((c) => c.delta < 0));
  // Idle time is not part of the comparison.
  assert.equal(diff.base.busyUs, 300_000);
  assert.equal(diff.changes.some((c) => c.name === '(idle)'), false);
});

test('a diff of a profile with itself changes nothing', () => {
  const diff = diffProfiles(side('a', 100), side('b', 100));
  assert.ok(diff.changes.every((c) => Math.abs(c.delta) < 1e-12));
});

test('functions are matched across line moves; a new or gone function shows on one side only', () => {
  const base = profileFromStacks([
    { stack: ['main', 'kept@file:///project/src/a.ts'], samples: 10 },
    { stack: ['main', 'gone@file:///project/src/a.ts'], samples: 10 },
  ]);
  const head = profileFromStacks([
    { stack: ['main', 'kept@file:///project/src/a.ts'], samples: 10 },
    { stack: ['main', 'added@file:///project/src/a.ts'], samples: 10 },
  ]);
  // Move every function in head by 40 lines, as an edit above them would.
  const moved = { ...head, nodes: head.nodes.map((n) => ({ ...n, callFrame: { ...n.callFrame, lineNumber: n.callFrame.lineNumber + 40 } })) };
  const diff = diffProfiles({ label: 'base', locate, profiles: [base] }, { label: 'head', locate, profiles: [moved] });
  const byName = new Map(diff.changes.map((c) => [c.name, c]));
  assert.equal(byName.get('kept')?.delta, 0);
  assert.equal(byName.get('gone')?.headUs, 0);
  assert.equal(byName.get('added')?.baseUs, 0);
  assert.equal(byName.get('added')?.where, 'src/a.ts (line unknown: no source map; compiled line 51)');
});

test('the Markdown table and the page show the top change first', () => {
  const diff = diffProfiles(side('base-dir', 100), side('head-dir', 400));
  const markdown = diffMarkdown(diff);
  const firstRow = markdown.split('\n').find((line) => line.startsWith('| 1 |'));
  assert.match(firstRow ?? '', /^\| 1 \| hotspot \|.*\| \+33\.3 \|/);
  const html = diffHtml(diff);
  assert.match(html, /^<!doctype html>/);
  assert.match(html.trimEnd(), /<\/html>$/);
  assert.ok(html.indexOf('hotspot') < html.indexOf('alpha'));
  assert.equal((html.match(/<svg class="flame"/g) ?? []).length, 2);
  // The slowed frame is drawn red in head's graph: its tooltip and a red fill.
  assert.match(html, /<title>hotspot[^<]*\+33\.3 points[^<]*<\/title><rect [^>]*fill="rgb\(235,50,50\)"/);
});
