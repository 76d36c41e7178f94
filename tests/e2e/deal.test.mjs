// The deal form and the deal page in the browser, with the real keyboard and the system
// clipboard: create a deal (a value pasted with Ctrl+V), log an activity, mark it lost with a
// reason, undo. What was stored is checked through dealdeck.snapshot().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, gotoApp, find, snapshot, clickItem, waitForItems, nextFrame, clickSettled } from './helpers/app.mjs';

const has = (label) => (all) => all.some((i) => i.label === label);

const click = clickSettled;

// Playwright's keys arrive faster than frames; the app samples keys once per frame (ImGui 1.86
// has no input queue), so Ctrl+A then Ctrl+C in one frame, or a value typed and Enter in one
// frame, are not what a person does. Each step gets its own frame.
async function press(page, keys) {
  await page.keyboard.press(keys);
  await nextFrame(page);
}
async function type(page, text) {
  await page.keyboard.type(text);
  await nextFrame(page);
}

// Waits until the stored workspace satisfies `predicate` (the store changes in the frame after
// the input, frames come on demand).
async function waitForSnapshot(page, predicate, what) {
  const deadline = Date.now() + 10_000;
  let last;
  while (Date.now() < deadline) {
    last = await snapshot(page);
    if (predicate(last)) return last;
    await nextFrame(page);
  }
  throw new Error(`timed out waiting for ${what}; deals: ${JSON.stringify(last.deals)}`);
}

async function openWithClipboard(t) {
  const app = await openApp(t);
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await gotoApp(app.page, app.url);
  return app;
}

test('a deal typed and pasted into the form, an activity, lost with a reason, undone', async (t) => {
  const { page, problems } = await openWithClipboard(t);
  const dealsBefore = (await snapshot(page)).deals.length;

  // The form: a contact name pasted with Ctrl+V (Playwright types only what a US keyboard has:
  // accents reach a canvas through the clipboard here), created inline, which pre-fills the
  // title; the value typed.
  await page.evaluate(() => navigator.clipboard.writeText('Zoë Łukasz'));
  await click(page, 'New deal');
  await click(page, 'Contact search');
  await press(page, 'Control+V');
  await click(page, 'Create contact');
  await click(page, 'Value');
  await type(page, '1,250.50');
  await press(page, 'Enter');

  const created = await waitForSnapshot(page, (s) => s.deals.length === dealsBefore + 1, 'the new deal');
  const deal = created.deals.find((d) => d.title === 'Zoë Łukasz deal');
  assert.ok(deal, `no deal titled "Zoë Łukasz deal": ${created.deals.map((d) => d.title).join(', ')}`);
  assert.equal(deal.value, 125050);
  assert.equal(deal.status, 'open');
  assert.ok(created.contacts.some((c) => c.name === 'Zoë Łukasz' && deal.contacts[0] === c.id));
  await waitForItems(page, has('Value: $1,250.50'), { what: 'the deal page' });

  // An activity, typed on the deal page.
  await click(page, 'Log activity');
  await click(page, 'Call');
  await click(page, 'Activity subject');
  await type(page, 'Intro call');
  await click(page, 'Save activity');
  const logged = await waitForSnapshot(page, (s) => s.activities.some((a) => a.deal === deal.id), 'the activity');
  const activity = logged.activities.find((a) => a.deal === deal.id);
  assert.equal(activity.kind, 'call');
  assert.equal(activity.subject, 'Intro call');

  // Lost, with a reason from the list and details typed.
  await click(page, 'Lost');
  await click(page, 'Reason Price');
  await click(page, 'Lost comment');
  await type(page, 'Went with the cheaper plan');
  await click(page, 'Mark as lost');
  const lost = (await waitForSnapshot(page, (s) => s.deals.find((d) => d.id === deal.id).status === 'lost', 'the lost deal'))
    .deals.find((d) => d.id === deal.id);
  const reason = (await snapshot(page)).lost_reasons.find((r) => r.id === lost.lost_reason);
  assert.equal(reason?.text, 'Price');
  assert.equal(lost.lost_reason_text, 'Went with the cheaper plan');

  // Undo (the top bar button) reopens it; the activity stays.
  await click(page, 'Undo');
  const undone = await waitForSnapshot(page, (s) => s.deals.find((d) => d.id === deal.id).status === 'open', 'the deal open again');
  assert.ok(undone.activities.some((a) => a.id === activity.id));
  assert.deepEqual(problems, []);
});

test('Ctrl+C copies a field to the system clipboard; a paste event lands at the caret', async (t) => {
  const { page, problems } = await openWithClipboard(t);
  await click(page, 'New deal');
  await click(page, 'Title');
  await type(page, 'Copied title');
  await press(page, 'Control+A');
  await press(page, 'Control+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Copied title');

  // A paste that did not come from the keyboard (the browser's Edit menu): the event alone.
  await press(page, 'End');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ' (pasted)');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await nextFrame(page);
  await press(page, 'Control+A');
  await press(page, 'Control+C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Copied title (pasted)');
  assert.ok(await find(page, 'Create deal'), 'the form closed');
  assert.deepEqual(problems, []);
});

// A Mac's Chrome. The app decides Mac behaviour (Cmd instead of Ctrl in text fields, ImGui's
// io.ConfigMacOSXBehaviors) from the platform and the user agent (clipboard.js).
const MAC_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

// Cmd+<key> as a person presses it: Cmd held a frame first, the key, then Cmd released (ImGui
// samples keys once per frame).
async function cmd(page, key) {
  await page.keyboard.down('Meta');
  await nextFrame(page);
  await press(page, key);
  await page.keyboard.up('Meta');
  await nextFrame(page);
}

test('on a Mac: Cmd+C copies, Cmd+V pastes into the deal form, Cmd+Enter saves a note, Cmd+Z undoes', async (t) => {
  const app = await openApp(t, { userAgent: MAC_USER_AGENT });
  const { page, problems } = app;
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await gotoApp(page, app.url);
  const dealsBefore = (await snapshot(page)).deals.length;

  // Cmd+A, Cmd+C in the title: only a Mac-configured text field takes Meta as the shortcut key.
  await click(page, 'New deal');
  await click(page, 'Title');
  await type(page, 'Mac');
  await cmd(page, 'A');
  await cmd(page, 'C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'Mac');
  await page.evaluate(() => navigator.clipboard.writeText('something else'));

  // Cmd+V with the real keys: ImGui pastes what the app holds (the word copied above) at the end.
  // Cmd+A, Cmd+C then put the whole title on the system clipboard (which held something else
  // meanwhile): the paste landed.
  await press(page, 'End');
  await cmd(page, 'V');
  await cmd(page, 'A');
  await cmd(page, 'C');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'MacMac');
  await click(page, 'Contact search');

  // Text from another app: a Mac's browser turns Cmd+V into a paste event carrying the system
  // clipboard. Chromium on Linux (this machine) does not, so the test sends that event itself with
  // Cmd held, as the Mac browser would; the app then presses Cmd+V for ImGui (clipboard.cpp), which
  // pastes only because it knows Cmd is the shortcut key here. It replaces the selected text.
  await page.keyboard.down('Meta');
  await nextFrame(page);
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Zoë Łukasz');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await nextFrame(page);
  await page.keyboard.up('Meta');
  await nextFrame(page);
  await click(page, 'Create contact');
  await click(page, 'Value');
  await type(page, '900');
  await press(page, 'Enter');
  const created = await waitForSnapshot(page, (s) => s.deals.length === dealsBefore + 1, 'the new deal');
  const deal = created.deals.find((d) => d.title === 'MacMac');
  assert.ok(deal, `no deal titled "MacMac": ${created.deals.map((d) => d.title).join(', ')}`);
  assert.ok(created.contacts.some((c) => c.name === 'Zoë Łukasz' && deal.contacts[0] === c.id), 'the pasted contact');
  assert.equal(deal.value, 90000);

  // A note saved with Cmd+Enter (the hint says so), then Cmd+Z outside any text field undoes it.
  await waitForItems(page, has('Take a note'), { what: 'the deal page' });
  await click(page, 'Take a note');
  await waitForItems(page, has('Cmd+Enter saves, Esc closes'), { what: 'the Mac hint' });
  await click(page, 'Note text');
  await type(page, 'Called from a Mac');
  await cmd(page, 'Enter');
  const noted = await waitForSnapshot(page, (s) => s.notes.some((n) => n.deal === deal.id), 'the note');
  assert.equal(noted.notes.find((n) => n.deal === deal.id).text, 'Called from a Mac');
  await waitForItems(page, (all) => !has('Note text')(all), { what: 'the note composer closed' });
  await cmd(page, 'Z');
  await waitForSnapshot(page, (s) => !s.notes.some((n) => n.deal === deal.id), 'the note undone');
  assert.deepEqual(problems, []);
});
