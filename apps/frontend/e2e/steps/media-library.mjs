// Browser steps of the media library: the Media page lists the uploads, the composer's Library panel adds an uploaded
// image to a new post (with a platform fit warning for a file Instagram's feed would refuse, fixed by the offered
// server-side crop), the post is scheduled,
// and the Media page then refuses to delete the image, naming the post.
//   await mediaLibrarySteps({ step, page, frontendUrl, image, screenshot, darkScreenshot })   (from apps/frontend/e2e/run.mjs)
import path from 'node:path';
import { civilInput } from '../lib/time.mjs';

/** A 1080×1920 JPEG drawn in the page: taller than Instagram's feed takes (4:5). */
async function tallJpeg(page) {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 1080;
    canvas.height = 1920;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#0ea5e9';
    ctx.fillRect(0, 0, 1080, 1920);
    return canvas.toDataURL('image/jpeg', 0.8);
  });
  return Buffer.from(dataUrl.split(',')[1], 'base64');
}

export async function mediaLibrarySteps({ step, page, frontendUrl, image, screenshot, darkScreenshot }) {
  const imageName = path.basename(image);
  let pickedId;

  await step('the Media page lists the uploaded image with its size', async () => {
    await page.goto(`${frontendUrl}/media`);
    await page.getByRole('heading', { name: 'Media', level: 1 }).waitFor();
    const card = page.locator('[data-media-page] [data-media-id]', { hasText: imageName }).first();
    await card.waitFor({ timeout: 15_000 });
    const facts = await card.textContent();
    if (!facts.includes('1080×1080')) throw new Error(`the card reads ${facts}`);
    pickedId = await card.getAttribute('data-media-id');
    await darkScreenshot('media-page-dark');
  });

  await step('open the library from the composer, pick the uploaded image, see a fit warning, and schedule', async () => {
    await page.goto(`${frontendUrl}/calendar`);
    await page.locator('[data-ready]').waitFor();
    await page.getByRole('button', { name: 'New post' }).click();
    await page.locator('[data-composer]').waitFor();
    await page.locator('[data-channel-id][data-platform="x"]').first().click();
    await page.locator('[data-channel-id][data-platform="instagram"], [data-channel-id][data-platform="instagram-standalone"]').first().click();
    await page.locator('[data-composer] textarea').first().fill('From the library: the loaf again, this time scheduled ahead.');

    await page.getByRole('button', { name: 'Add from the library to post' }).click();
    const tile = page.locator(`[data-media-library] [data-media-id="${pickedId}"]`);
    await tile.waitFor();
    await tile.click();
    await page.locator(`[data-media-library] [data-media-id="${pickedId}"][aria-pressed="true"]`).waitFor();
    // Alt text typed in the panel is saved to the library and comes along into the post.
    await page.getByLabel(`Alt text for ${imageName}`, { exact: true }).fill('A loaf of bread, from the library');
    await screenshot('library-panel');
    await page.getByRole('button', { name: 'Add to post' }).click();
    await page.locator('[data-composer] figure[data-status="done"]').first().waitFor();
    const carried = await page.locator('[data-composer]').getByLabel(`Alt text for ${imageName}`).first().inputValue();
    if (carried !== 'A loaf of bread, from the library') throw new Error(`the post's alt text is ${carried}`);

    // A tall picture: Instagram's feed takes 4:5 to 1.91:1, so the composer warns (channel by channel) before scheduling.
    await page.locator('[data-composer] input[type=file]').first().setInputFiles({ name: 'tall.jpg', mimeType: 'image/jpeg', buffer: await tallJpeg(page) });
    await page.locator('[data-composer] figure[data-status="done"]').nth(1).waitFor({ timeout: 30_000 });
    const warning = page.locator('[data-fit-warnings] [data-rule="instagram_feed_aspect"]');
    await warning.waitFor();
    if (!/tall\.jpg.*1080×1920/.test(await warning.textContent())) throw new Error(`the warning reads ${await warning.textContent()}`);
    await screenshot('composer-fit-warning');
    // The offered crop runs on the server (the original stays in the library) and takes the picture's place.
    await warning.getByRole('button', { name: 'Crop to 4:5' }).click();
    await warning.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Remove tall (1080x1350).jpg' }).waitFor();
    await screenshot('composer-cropped');
    // Drag to reorder inside the post's media: the crop moves before the library's picture.
    const thumbs = page.locator('[data-composer] figure[data-status="done"]');
    await thumbs.nth(1).dragTo(thumbs.nth(0));
    await page.locator('[data-composer] figure[data-status="done"]').first().getByRole('button', { name: 'Remove tall (1080x1350).jpg' }).waitFor();

    const zone = (await page.locator('label[for="composer-date"] .muted').textContent()).replace(/[()]/g, '').trim();
    await page.fill('#composer-date', civilInput(new Date(Date.now() + 3 * 24 * 3600_000), zone));
    await page.getByRole('button', { name: 'Add to calendar' }).click();
    await page.locator('[data-composer]').waitFor({ state: 'detached', timeout: 20_000 });
  });

  await step('the Media page refuses to delete the image a scheduled post uses, naming the post', async () => {
    await page.goto(`${frontendUrl}/media`);
    const card = page.locator(`[data-media-page] [data-media-id="${pickedId}"]`);
    await card.waitFor();
    await card.getByRole('button', { name: `Delete ${imageName}` }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'not yet published' });
    await alert.waitFor();
    if (!(await alert.textContent()).includes('From the library')) throw new Error(`the refusal reads ${await alert.textContent()}`);
    await screenshot('media-delete-refused');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await card.waitFor();
  });
}
