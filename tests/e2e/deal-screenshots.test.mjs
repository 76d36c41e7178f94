// The deal form, a deal page, a contact page and a company page drawn from the sample data,
// reached with the mouse like a user, each saved as a screenshot (light theme, 1280x800) to
// tests/e2e/test-results/ (the ones in docs/screenshots/ are copies of these).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openApp, gotoApp, find, items, snapshot, clickItem, waitForItems, nextFrame, resultPath, clickSettled } from './helpers/app.mjs';

const has = (label) => (all) => all.some((i) => i.label === label);

const click = clickSettled;

async function shoot(page, name) {
  await nextFrame(page);
  const file = resultPath(name);
  fs.rmSync(file, { force: true });
  await page.screenshot({ path: file });
  // A blank 1280x800 canvas compresses to a few KB of PNG; a drawn page with text does not.
  const bytes = fs.statSync(file).size;
  console.log(`screenshot ${file}: ${bytes} bytes`);
  assert.ok(bytes > 15_000, `${name} looks blank (${bytes} bytes)`);
}

test('screenshots: deal form, deal page, contact page, company page (sample data)', async (t) => {
  const { page, url, problems } = await openApp(t, { viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  await gotoApp(page, url);
  await click(page, 'Load sample data');
  const sample = await (async () => {
    for (let i = 0; i < 100; ++i) {
      const s = await snapshot(page);
      if (s.deals.length > 0) return s;
      await nextFrame(page);
    }
    throw new Error('the sample data never loaded');
  })();

  // An open deal with a company, contacts and the longest history: the richest page the
  // (randomly generated) sample offers. Names repeat in the sample: only unique ones will do.
  const unique = (list, key, value) => list.filter((o) => o[key] === value).length === 1;
  const historyOf = (d) => sample.history.filter((h) => h.deal === d.id).length;
  const contactOf = (d) => sample.contacts.find((c) => c.id === d.contacts[0]);
  const companyOf = (d) => sample.companies.find((c) => c.id === d.company);
  const deal = sample.deals
    .filter((d) => d.status === 'open' && companyOf(d) && unique(sample.deals, 'title', d.title) &&
      unique(sample.contacts, 'name', contactOf(d).name) && unique(sample.companies, 'name', companyOf(d).name))
    .sort((a, b) => historyOf(b) - historyOf(a))[0];
  assert.ok(deal, 'no open deal with a company in the sample');
  const contact = contactOf(deal);
  const company = companyOf(deal);

  // The form over the board. The sample's custom fields make it taller than the window: its
  // fields scroll, its buttons stay inside the 800 px viewport.
  await click(page, 'New deal');
  await click(page, 'Title');
  await page.keyboard.type('Support plan');
  await shoot(page, 'deal-form.png');
  for (const label of ['Create deal', 'Cancel']) {
    const button = await find(page, label);
    assert.ok(button, `"${label}" is not drawn`);
    assert.ok(button.y >= 0 && button.y + button.h <= 800, `"${label}" is outside the viewport: ${JSON.stringify(button)}`);
  }
  await page.keyboard.press('Escape');
  await nextFrame(page);
  await page.keyboard.press('Escape');
  await waitForItems(page, (all) => !has('Title')(all), { what: 'the form closed' });

  // Contacts, filtered by name, then the contact's page.
  await click(page, 'People');
  await click(page, 'Contacts');
  await click(page, 'Filter contacts');
  await page.keyboard.type(contact.name);
  await click(page, `Open contact ${contact.name}`);
  await waitForItems(page, has(`Open deal ${deal.title}`), { what: 'the contact page' });
  await shoot(page, 'contact-page.png');

  // The deal, from the contact's list of deals.
  await click(page, `Open deal ${deal.title}`);
  await waitForItems(page, has('Take a note'), { what: 'the deal page' });
  await shoot(page, 'deal-page.png');
  // The stage tile's editor opens under the tile, which keeps showing the current stage.
  const stageTile = (await items(page)).find((i) => i.label.startsWith('Stage: '));
  assert.ok(stageTile, 'the deal page has no Stage tile');
  await click(page, stageTile.label);
  const moveItems = await waitForItems(page, (all) => all.some((i) => i.label.startsWith('Move to ')), { what: 'the stage editor' });
  const firstMove = moveItems.filter((i) => i.label.startsWith('Move to ')).sort((a, b) => a.y - b.y)[0];
  assert.ok(firstMove.y >= stageTile.y + stageTile.h, `the stage editor covers its tile: ${JSON.stringify({ stageTile, firstMove })}`);
  await shoot(page, 'deal-page-stage-editor.png');
  await page.keyboard.press('Escape');
  await waitForItems(page, (all) => !all.some((i) => i.label.startsWith('Move to ')), { what: 'the stage editor closed' });

  await click(page, 'People');
  await click(page, 'Companies');
  await click(page, 'Filter companies');
  await page.keyboard.type(company.name);
  await click(page, `Open company ${company.name}`);
  await waitForItems(page, has(`Open contact ${contact.name}`), { what: 'the company page' });
  await shoot(page, 'company-page.png');
  assert.deepEqual(problems, []);
});
