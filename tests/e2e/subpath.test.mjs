// The app uses relative URLs only, so it works from any folder (GitHub Pages serves /<repo>/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, items, snapshot } from './helpers/app.mjs';

test('the app works when served under /some/sub/path/', async (t) => {
  const { page, url, problems } = await openApp(t, { mount: '/some/sub/path/' });
  assert.match(url, /\/some\/sub\/path\/$/);
  const requested = [];
  page.on('request', (req) => requested.push(new URL(req.url()).pathname));
  await gotoApp(page, url);
  assert.ok((await items(page)).some((i) => i.label === 'Board'), 'the top bar is not drawn');
  assert.equal((await snapshot(page)).format, 'dealdeck');
  const outside = requested.filter((p) => !p.startsWith('/some/sub/path/'));
  assert.deepEqual(outside, [], 'the page requested files outside its folder');
  assert.deepEqual(problems, []);
});
