'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCustomers } from '../../hooks/use-customers';
import { useIntegrations } from '../../hooks/use-integrations';
import { retryPost } from '../../hooks/use-post-group';
import { invalidatePosts, usePosts } from '../../hooks/use-posts';
import { useSession } from '../../hooks/use-session';
import { toApiError } from '../../lib/api-error';
import type { CalendarPost } from '../../lib/post-types';
import { formatDay, formatHour, formatInZone, fromCivil, parseDayKey, safeZone, toCivil, todayKey } from '../../lib/zoned-time';
import { duplicateGroup } from '../../hooks/use-planning';
import { menuFor, PostMenu, type PostMenuState } from '../planning/post-menu';
import { Alert, LoadError } from '../ui/alert';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { PageHeader } from '../ui/page-header';
import { useToast } from '../ui/toast';
import type { ComposerRequest } from '../composer/composer-types';
import { bucketPosts, civilOf, EMPTY_BUCKETS, rangeLabel, rangeOf, stepAnchor, visibleDays } from './calendar-model';
import { CalendarToolbar } from './calendar-toolbar';
import { MonthGrid } from './month-grid';
import { refocusPost } from './post-card';
import { PostDeepLink } from './post-deep-link';
import { PostList } from './post-list';
import { SlotDialog } from './slot-dialog';
import { TimeGrid } from './time-grid';
import { useGridInteractions, type DropTarget } from './use-grid-interactions';
import { useCustomerFilter, useNow, useViewPreference } from './use-calendar-state';
import styles from './calendar.module.css';

// The composer (twitter-text, previews, upload) loads when first needed, not with the calendar.
const loadComposer = () => import('../composer/composer');
const Composer = dynamic(() => loadComposer().then((module) => module.Composer), { ssr: false });

interface PendingMove {
  post: CalendarPost;
  date: Date;
  reason: 'past' | 'published';
}

export function CalendarView() {
  const notify = useToast();
  const { user } = useSession();
  const timeZone = safeZone(user?.timezone);
  const [view, setView] = useViewPreference();
  const now = useNow();
  const today = todayKey(timeZone, now);
  const nowCivil = toCivil(now, timeZone);
  const [anchor, setAnchor] = useState<string | null>(null);
  const current = anchor ?? today;
  const days = useMemo(() => visibleDays(view, current), [view, current]);
  const range = useMemo(() => rangeOf(days, timeZone), [days, timeZone]);
  const { customers, error: customersError } = useCustomers();
  const [chosenCustomer, setCustomer] = useCustomerFilter();
  // A remembered customer that is gone (deleted, or of another organization) filters nothing; while the list
  // loads, the remembered one is trusted so the first request is already the filtered one.
  const customer = chosenCustomer && (customers ? customers.some((c) => c.id === chosenCustomer) : !customersError) ? chosenCustomer : null;
  const customerName = customer ? customers?.find((c) => c.id === customer)?.name : undefined;
  const { posts, error, isLoading, reload, move } = usePosts(range, customer);
  const { channels } = useIntegrations();
  const previousBuckets = useRef(EMPTY_BUCKETS);
  const buckets = useMemo(() => {
    const next = bucketPosts(posts ?? [], timeZone, previousBuckets.current);
    previousBuckets.current = next;
    return next;
  }, [posts, timeZone]);
  const byId = useMemo(() => new Map((posts ?? []).map((post) => [post.id, post])), [posts]);
  const [composer, setComposer] = useState<ComposerRequest | null>(null);
  const [more, setMore] = useState<string | null>(null);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const [ready, setReady] = useState(false);
  const [menu, setMenu] = useState<PostMenuState | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const duplicate = useCallback(
    (postId: string) => {
      const post = byId.get(postId);
      if (!post) return;
      duplicateGroup(post.group).then(
        () => notify('Duplicated as a draft, at the same time.'),
        (caught: unknown) => notify(toApiError(caught).message, 'error'),
      );
    },
    [byId, notify],
  );

  useEffect(() => {
    // For tests and the benchmark: the posts of this range are on screen and the grid answers clicks.
    setReady(posts !== undefined);
    if (posts !== undefined && performance.getEntriesByName('herald:calendar-ready').length === 0) performance.mark('herald:calendar-ready');
  }, [posts]);

  const runMove = useCallback(
    async (post: CalendarPost, date: Date) => {
      await move(post, date);
      // The card now lives in another slot: keep the keyboard where it was.
      if (document.activeElement === document.body) refocusPost(post.id);
      notify(`Moved to ${formatInZone(date, timeZone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}.`);
    },
    [move, notify, timeZone],
  );

  const handlers = useGridInteractions({
    onOpen: (postId) => setComposer({ mode: 'edit', postId }),
    onMore: (key) => setMore(key),
    onCreate: (target) => setComposer({ mode: 'create', date: fromCivil({ ...parseDayKey(target.day), hour: target.hour ?? 9, minute: 0 }, timeZone) }),
    onDrop: (postId: string, target: DropTarget) => {
      const post = byId.get(postId);
      if (!post) return;
      const civil = civilOf(post, timeZone);
      const date = fromCivil({ ...parseDayKey(target.day), hour: target.hour ?? civil.hour, minute: civil.minute }, timeZone);
      if (date.getTime() === Date.parse(post.publishDate)) return;
      const reason = post.state === 'PUBLISHED' || post.state === 'UNCONFIRMED' ? 'published' : date.getTime() < Date.now() && post.state !== 'DRAFT' ? 'past' : null;
      if (reason) return setPendingMove({ post, date, reason });
      runMove(post, date).catch((caught: unknown) => notify(toApiError(caught).message, 'error'));
    },
  });

  const retry = useCallback(
    (post: CalendarPost) => {
      retryPost(post.id)
        .then(() => {
          notify('The post is queued again.');
          return invalidatePosts();
        })
        .catch((caught: unknown) => notify(toApiError(caught).message, 'error'));
    },
    [notify],
  );

  const openPost = useCallback((postId: string) => {
    setMore(null);
    setComposer({ mode: 'edit', postId });
  }, []);

  const morePosts = more ? (more.includes('T') ? buckets.bySlot.get(more) : buckets.byDay.get(more)) : undefined;
  const moreTitle = more ? moreLabel(more) : '';
  const noChannels = channels !== undefined && !channels.some((c) => !c.disabled && !c.inBetweenSteps);

  return (
    <div className={styles.page} data-ready={ready || undefined} data-view={view}>
      <Suspense fallback={null}>
        <PostDeepLink onOpen={openPost} />
      </Suspense>
      <PageHeader title="Calendar" description={`Times in ${timeZone}. Drag a post to move it (or focus it and press Alt + arrow keys); double-click a free slot to plan one there.`} />
      <CalendarToolbar
        view={view}
        label={rangeLabel(view, days)}
        loading={isLoading && !posts}
        total={posts?.length}
        onView={setView}
        onStep={(direction) => setAnchor(stepAnchor(view, current, direction))}
        onToday={() => setAnchor(null)}
        onNew={() => setComposer({ mode: 'create' })}
        onPrepareNew={() => void loadComposer()}
        customers={customers}
        customer={customer}
        onCustomer={setCustomer}
      />
      {noChannels ? (
        <Alert tone="info" action={<Link className="btn btn-sm" href="/channels">Go to Channels</Link>}>
          Connect a channel first: posts are written for the channels they go to.
        </Alert>
      ) : null}
      {error ? (
        <LoadError title="The posts could not be loaded" message={error.message} onRetry={() => void reload()} />
      ) : null}
      <div
        className={styles.viewArea}
        aria-busy={isLoading && !posts}
        onContextMenu={(event) => {
          const opened = menuFor(event);
          if (!opened) return;
          event.preventDefault();
          setMenu(opened);
        }}
      >
        {view === 'week' || view === 'day' ? (
          <TimeGrid days={days} buckets={buckets} timeZone={timeZone} today={today} nowHour={nowCivil.hour} nowMinute={nowCivil.minute} handlers={handlers} />
        ) : view === 'month' ? (
          <MonthGrid days={days} month={current.slice(0, 7)} buckets={buckets} timeZone={timeZone} today={today} handlers={handlers} />
        ) : posts ? (
          <PostList days={days} buckets={buckets} timeZone={timeZone} today={today} onOpen={openPost} onRetry={retry} customerName={customerName} />
        ) : null}
      </div>

      <PostMenu menu={menu} onOpen={openPost} onDuplicate={duplicate} onClose={closeMenu} />

      {more && morePosts ? <SlotDialog title={moreTitle} posts={morePosts} timeZone={timeZone} onOpen={openPost} onClose={() => setMore(null)} /> : null}

      <ConfirmDialog
        open={pendingMove !== null}
        title={pendingMove?.reason === 'published' ? 'Move a published post?' : 'Move into the past?'}
        confirmLabel={pendingMove?.reason === 'past' ? 'Move and publish now' : 'Move'}
        onConfirm={async () => {
          if (pendingMove) await runMove(pendingMove.post, pendingMove.date);
        }}
        onClose={() => setPendingMove(null)}
      >
        {pendingMove?.reason === 'published' ? (
          <p>This post is already on {pendingMove.post.integration.name}. Moving it only changes its date in Herald; it will not be published again.</p>
        ) : pendingMove ? (
          <p>
            {formatInZone(pendingMove.date, timeZone, { weekday: 'long', hour: '2-digit', minute: '2-digit' })} has passed. The post will be published as soon as it is moved.
          </p>
        ) : null}
      </ConfirmDialog>

      {composer ? (
        <Composer
          request={composer}
          timeZone={timeZone}
          onClose={() => setComposer(null)}
          onSaved={(message) => {
            setComposer(null);
            notify(message);
            void invalidatePosts();
          }}
        />
      ) : null}
    </div>
  );
}

function moreLabel(key: string): string {
  const [day = '', hour] = key.split('T');
  const date = formatDay(day, { weekday: 'long', month: 'long', day: 'numeric' });
  return hour === undefined ? date : `${date}, ${formatHour(Number(hour))}`;
}
