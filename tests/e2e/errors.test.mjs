// When the app cannot run it says so in HTML (#dd-error), rather than leaving a blank canvas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, errorText } from './helpers/app.mjs';

async function waitForErrorText(page, timeoutMs = 30_000) {
  await page
    .waitForFunction(
      () => {
        const el = document.getElementById('dd-error');
        return el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && el.textContent.trim() !== '';
      },
      null,
      { timeout: timeoutMs },
    )
    .catch(() => {});
  return errorText(page);
}

test('without WebGL2 the page shows a clear message', async (t) => {
  const { page, url } = await openApp(t);
  // Every canvas answers "no WebGL2", as on a browser or GPU without it.
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
      if (type === 'webgl2') return null;
      return original.call(this, type, ...rest);
    };
  });
  await page.goto(url);
  const text = await waitForErrorText(page);
  assert.ok(text, '#dd-error is not visible (or empty) without WebGL2');
  console.log(`no-WebGL2 message: ${text}`);
  assert.match(text, /webgl/i, 'the message does not name what is missing');
});

test('when the wasm fails to load the page shows a clear message', async (t) => {
  const { page, url } = await openApp(t);
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }));
  await page.goto(url);
  const text = await waitForErrorText(page);
  assert.ok(text, '#dd-error is not visible (or empty) when the wasm is missing');
  console.log(`wasm-failure message: ${text}`);
});
