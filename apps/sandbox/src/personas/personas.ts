/**
 * Seeded sandbox people. Every identity here is fictional and labelled "Sandbox" so it can never be
 * mistaken for a real account in a screenshot or a database dump. IDs are fixed so tests and demos can
 * name them.
 */
export interface XAccount {
  id: string;
  username: string;
  name: string;
  description: string;
  createdAt: string;
  followers: number;
  /** X's `subscription_type`: None (280 weighted characters a post), or Basic, Premium, PremiumPlus (long posts, 25,000). */
  subscriptionType: 'None' | 'Basic' | 'Premium' | 'PremiumPlus';
}

export interface InstagramAccount {
  /** The professional account id (`user_id` on Instagram Login, `instagram_business_account.id` on Facebook). */
  id: string;
  /** The app-scoped `id` that Instagram Login's `/me` also returns. */
  appScopedId: string;
  username: string;
  name: string;
  accountType: 'BUSINESS' | 'CREATOR';
  biography: string;
  followers: number;
}

export interface FacebookPage {
  id: string;
  name: string;
  category: string;
  username?: string;
  /** The linked Instagram professional account, when there is one. */
  instagramAccountId?: string;
}

export interface Persona {
  id: string;
  label: string;
  color: [number, number, number];
  x: XAccount;
  /** The account this person connects with Instagram Login. */
  instagram: InstagramAccount;
  facebook: { userId: string; name: string; pages: FacebookPage[] };
  /** Instagram accounts reachable only through one of this person's Pages. */
  linkedInstagram: InstagramAccount[];
}

function igAccount(id: string, username: string, name: string, accountType: 'BUSINESS' | 'CREATOR'): InstagramAccount {
  return { id, appScopedId: `2${id.slice(-15)}`, username, name, accountType, biography: `${name}: a Herald sandbox account.`, followers: 1000 + Number(id.slice(-3)) };
}

export function createPersonas(): Persona[] {
  const alice: Persona = {
    id: 'alice',
    label: 'Sandbox Alice',
    color: [214, 90, 120],
    x: { id: '1790000000000000001', username: 'sandbox_alice', name: 'Sandbox Alice', description: 'Herald sandbox persona.', createdAt: '2020-03-01T09:00:00.000Z', followers: 1234, subscriptionType: 'None' },
    instagram: igAccount('17841400000000101', 'sandbox.alice', 'Sandbox Alice', 'BUSINESS'),
    facebook: {
      userId: '100000000000101',
      name: 'Sandbox Alice',
      pages: [
        { id: '110000000000101', name: "Sandbox Alice's Bakery", category: 'Bakery', username: 'sandboxalicebakery', instagramAccountId: '17841400000000101' },
        { id: '110000000000102', name: 'Sandbox Alice Shop', category: 'Shopping & retail', instagramAccountId: '17841400000000102' },
        { id: '110000000000103', name: 'Sandbox Alice Notes', category: 'Personal blog' },
      ],
    },
    linkedInstagram: [igAccount('17841400000000102', 'sandbox.alice.shop', 'Sandbox Alice Shop', 'BUSINESS')],
  };

  // Bob manages many Pages so that `/me/accounts` needs more than one page of results.
  const bobPages: FacebookPage[] = [];
  const bobLinked: InstagramAccount[] = [];
  for (let i = 1; i <= 27; i++) {
    const n = String(i).padStart(2, '0');
    const page: FacebookPage = { id: `1200000000002${n}`, name: `Sandbox Bob Venue ${n}`, category: 'Event venue' };
    if (i % 3 === 0) {
      const ig = igAccount(`178414000000002${n}`, `sandbox.bob.venue${n}`, `Sandbox Bob Venue ${n}`, 'BUSINESS');
      page.instagramAccountId = ig.id;
      bobLinked.push(ig);
    }
    bobPages.push(page);
  }
  const bob: Persona = {
    id: 'bob',
    label: 'Sandbox Bob',
    color: [70, 130, 200],
    x: { id: '1790000000000000002', username: 'sandbox_bob', name: 'Sandbox Bob', description: 'Herald sandbox persona with many Pages.', createdAt: '2019-07-15T12:00:00.000Z', followers: 87, subscriptionType: 'None' },
    instagram: igAccount('17841400000000201', 'sandbox.bob', 'Sandbox Bob', 'CREATOR'),
    facebook: { userId: '100000000000201', name: 'Sandbox Bob', pages: bobPages },
    linkedInstagram: bobLinked,
  };

  const carol: Persona = {
    id: 'carol',
    label: 'Sandbox Carol',
    color: [90, 170, 110],
    x: { id: '1790000000000000003', username: 'sandbox_carol', name: 'Sandbox Carol', description: 'Herald sandbox persona.', createdAt: '2022-11-30T18:30:00.000Z', followers: 5, subscriptionType: 'Premium' },
    instagram: igAccount('17841400000000301', 'sandbox.carol', 'Sandbox Carol', 'CREATOR'),
    facebook: { userId: '100000000000301', name: 'Sandbox Carol', pages: [{ id: '130000000000301', name: 'Sandbox Carol Studio', category: 'Art studio' }] },
    linkedInstagram: [],
  };
  return [alice, bob, carol];
}

export class PersonaDirectory {
  constructor(readonly personas: Persona[]) {}

  get(id: string): Persona | undefined {
    return this.personas.find((p) => p.id === id);
  }

  byXUserId(id: string): Persona | undefined {
    return this.personas.find((p) => p.x.id === id);
  }

  byFacebookUserId(id: string): Persona | undefined {
    return this.personas.find((p) => p.facebook.userId === id);
  }

  page(pageId: string): { persona: Persona; page: FacebookPage } | undefined {
    for (const persona of this.personas) {
      const page = persona.facebook.pages.find((p) => p.id === pageId);
      if (page) return { persona, page };
    }
    return undefined;
  }

  instagramAccount(id: string): { persona: Persona; account: InstagramAccount } | undefined {
    for (const persona of this.personas) {
      if (persona.instagram.id === id) return { persona, account: persona.instagram };
      const linked = persona.linkedInstagram.find((a) => a.id === id);
      if (linked) return { persona, account: linked };
    }
    return undefined;
  }
}
