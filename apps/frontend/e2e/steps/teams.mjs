// Browser steps of the team and email layer: the owner invites a member from Settings → Members, the member accepts
// the emailed link in a second browser context, sees a member's menu, and resets a forgotten password from the
// emailed link (which signs the old session out).
//   await teamsSteps({ step, page, browser, frontendUrl, smtp, screenshot })   (from apps/frontend/e2e/run.mjs)

const PASSWORD = 'member-first-password';
const NEW_PASSWORD = 'member-second-password';

export async function teamsSteps({ step, page, browser, frontendUrl, smtp, screenshot }) {
  const email = `member-${Date.now()}@example.com`;
  let inviteLink;
  let member;

  await step('invite a member by email from Settings → Members', async () => {
    await page.goto(`${frontendUrl}/settings#members`);
    const section = page.locator('section#members');
    await section.getByLabel('Invite by email').fill(email);
    await section.getByLabel('Role', { exact: true }).selectOption('MEMBER');
    await section.getByRole('button', { name: 'Send invitation' }).click();
    await section.locator(`li[data-invitation="${email}"]`).waitFor();
    await page.getByText(`Invitation emailed to ${email}.`).first().waitFor();
    const mail = await smtp.linkTo(email, `${frontendUrl}/invite/`);
    if (!mail.subject.startsWith('Join ')) throw new Error(`the invitation's subject is ${mail.subject}`);
    inviteLink = mail.link;
    await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  });

  await step('accept the invitation in a second browser context', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    member = await context.newPage();
    member.setDefaultTimeout(20_000);
    await member.goto(inviteLink);
    await member.locator('[data-invitation]').getByRole('heading', { name: /^Join / }).waitFor();
    await member.getByLabel('Your name (optional)').fill('Mina Member');
    await member.getByLabel('Password').fill(PASSWORD);
    await screenshot('invitation-page', member);
    await member.getByRole('button', { name: 'Join', exact: true }).click();
    await member.waitForURL(/\/calendar/);
    await member.locator('[data-ready]').waitFor();
  });

  await step("the member's menu offers posts, the calendar and their own settings only", async () => {
    const nav = member.getByRole('navigation', { name: 'Primary' });
    await nav.getByRole('link', { name: 'Calendar' }).waitFor();
    if ((await nav.getByRole('link', { name: 'Channels' }).count()) !== 0) throw new Error('a member is offered Channels');
    await screenshot('member-calendar', member);
    await member.getByRole('button', { name: 'New post' }).click();
    await member.locator('[data-composer]').waitFor();
    await member.locator('[data-tag-picker]').waitFor();
    if ((await member.getByRole('button', { name: 'New tag' }).count()) !== 0) throw new Error('a member is offered New tag');
    await member.keyboard.press('Escape');
    await member.goto(`${frontendUrl}/settings`);
    await member.locator('section#notifications').waitFor();
    await member.locator('section#sessions').waitFor();
    for (const hidden of ['members', 'customers', 'tags']) {
      if ((await member.locator(`section#${hidden}`).count()) !== 0) throw new Error(`a member is offered the ${hidden} settings`);
    }
    if ((await member.getByRole('heading', { name: 'Public API key' }).count()) !== 0) throw new Error('a member is offered the API key');
    const failures = member.locator('section#notifications').getByLabel('A post fails');
    if (await failures.isChecked()) throw new Error('alerts are on by default for a member');
    await screenshot('member-settings', member);
    await member.goto(`${frontendUrl}/channels`);
    await member.getByText('Owners and admins manage the channels').waitFor();
  });

  await step('the owner sees the new member and can change their role', async () => {
    // The owner's page still shows the invitation as pending: a reload shows the member who joined meanwhile.
    await page.reload();
    const row = page.locator(`section#members li[data-member="${email}"]`);
    await row.waitFor();
    await row.getByRole('combobox', { name: `Role of ${email}` }).selectOption('ADMIN');
    await page.getByText(`${email} is now admin.`).first().waitFor();
    await row.getByRole('combobox', { name: `Role of ${email}` }).selectOption('MEMBER');
    await page.getByText(`${email} is now member.`).first().waitFor();
    await page.locator('section#members').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await screenshot('owner-members');
  });

  await step('reset a forgotten password from the emailed link', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light' });
    const visitor = await context.newPage();
    visitor.setDefaultTimeout(20_000);
    await visitor.goto(`${frontendUrl}/login`);
    await visitor.getByRole('link', { name: 'Forgot your password?' }).click();
    await visitor.waitForURL(/\/forgot/);
    await visitor.getByLabel('Email').fill(email);
    await visitor.getByRole('button', { name: 'Email me a link' }).click();
    await visitor.getByText('Check your inbox').waitFor();
    await screenshot('forgot-sent', visitor);
    const mail = await smtp.linkTo(email, `${frontendUrl}/reset/`);
    await visitor.goto(mail.link);
    await visitor.getByLabel('New password').fill(NEW_PASSWORD);
    await visitor.getByLabel('Repeat it').fill(NEW_PASSWORD);
    await screenshot('reset-page', visitor);
    await visitor.getByRole('button', { name: 'Set the new password' }).click();
    await visitor.waitForURL(/\/login\?reset=done/);
    await visitor.getByText('Your password is changed').waitFor();
    await visitor.fill('input[name=email]', email);
    await visitor.fill('input[name=password]', NEW_PASSWORD);
    await visitor.click('button[type=submit]');
    await visitor.waitForURL(/\/calendar/);
    await visitor.locator('[data-ready]').waitFor();
    // The reset signed every other session of the account out: the first context is sent to the login page.
    await member.goto(`${frontendUrl}/settings`);
    await member.waitForURL(/\/login/);
    await context.close();
    await member.context().close();
  });
}
