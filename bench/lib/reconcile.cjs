// Herald's record against the platform's: every post a run made, with its state and release id in the database,
// compared with what the sandbox's ledger says each platform published. Shared by bench/publish (TypeScript) and the
// chaos runs (ES modules), which is why it is plain CommonJS with its types beside it (reconcile.d.cts).
//
// A post is right when it is PUBLISHED with the release id of the one ledger entry carrying its text. Everything else
// is counted, and these fail a run: live twice or more (`duplicated`), live but not PUBLISHED (`liveNotPublished`:
// ERROR, UNCONFIRMED, QUEUE… while the platform has it), PUBLISHED with another id (`wrongId`), PUBLISHED but not on
// the platform (`publishedNotLive`), and neither live nor UNCONFIRMED (`lost`: Herald gave up on a post it could
// have published). UNCONFIRMED and not live is reported (`unconfirmed`), not failed: Herald asks the person then.

/** @param {import('./reconcile.d.cts').RecordedPost[]} posts @param {import('./reconcile.d.cts').LedgerEntry[]} ledger */
function reconcile(posts, ledger) {
  const byText = new Map();
  for (const entry of ledger) {
    const key = `${entry.platform}\n${entry.text}`;
    const list = byText.get(key) ?? [];
    list.push(entry);
    byText.set(key, list);
  }
  const counts = { posts: posts.length, right: 0, duplicated: 0, liveNotPublished: 0, wrongId: 0, publishedNotLive: 0, lost: 0, unconfirmed: 0 };
  const examples = [];
  const note = (kind, post, detail) => {
    counts[kind] += 1;
    if (examples.length < 20) examples.push(`${kind}: post ${post.id} (${post.platform}, ${post.state}) ${detail}`);
  };
  for (const post of posts) {
    const live = byText.get(`${post.platform}\n${post.text}`) ?? [];
    const [entry] = live;
    if (live.length > 1) note('duplicated', post, `live ×${live.length}: ${live.map((e) => e.releaseId).join(', ')}`);
    else if (entry && post.state !== 'PUBLISHED') note('liveNotPublished', post, `live as ${entry.releaseId}${post.error ? `; Herald says: ${post.error}` : ''}`);
    else if (entry && post.releaseId !== entry.releaseId) note('wrongId', post, `recorded ${post.releaseId}, live as ${entry.releaseId}`);
    else if (entry) counts.right += 1;
    else if (post.state === 'PUBLISHED') note('publishedNotLive', post, `recorded ${post.releaseId}, not on the platform`);
    else if (post.state === 'UNCONFIRMED') note('unconfirmed', post, 'not on the platform; Herald asks the person');
    else note('lost', post, post.error ?? '');
  }
  const failures = counts.duplicated + counts.liveNotPublished + counts.wrongId + counts.publishedNotLive + counts.lost;
  return { counts, failures, examples };
}

/** One line of figures, the same in every run's output. */
function reconcileLine(label, { counts, failures }) {
  return `${label} reconcile: ${counts.posts} posts, ${counts.right} right, duplicated ${counts.duplicated}, live but not PUBLISHED ${counts.liveNotPublished}, wrong release id ${counts.wrongId}, PUBLISHED but not live ${counts.publishedNotLive}, lost ${counts.lost}, left UNCONFIRMED ${counts.unconfirmed}: ${failures === 0 ? 'agree' : `${failures} DISAGREE`}`;
}

module.exports = { reconcile, reconcileLine };
