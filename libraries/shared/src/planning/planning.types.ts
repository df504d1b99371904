// The shapes of the planning routes (docs/api-additions.md, "Planning"), for the API and the dashboard alike.

/** GET/PUT /integrations/:id/slots. `custom` is false while the channel uses the defaults. */
export interface ChannelSlots {
  timezone: string;
  slots: string[];
  custom: boolean;
}

export interface NextSlot {
  date: string;
}

export interface SignatureItem {
  id: string;
  name: string;
  content: string;
  default: boolean;
  createdAt: string;
}

/** One CSV row as the import read it: what it will create, or why it cannot. */
export interface ImportRowReport {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  ok: boolean;
  errors: string[];
  date?: string;
  channels?: string[];
  content?: string;
  media?: number;
  type?: 'draft' | 'schedule';
}

export interface ImportDryRun {
  rows: ImportRowReport[];
}

export interface ImportResult {
  created: number;
  groups: string[];
}

/** The dashboard's view of a group's preview link. */
export interface PreviewLinkView {
  url: string;
  expiresAt: string | null;
  createdAt: string;
}

export interface PreviewCommentView {
  id: string;
  name: string;
  content: string;
  createdAt: string;
}

/** GET /preview/:token: the post as its client sees it, and nothing else of the organization. */
export interface PublicPreview {
  publishDate: string;
  expiresAt: string | null;
  channels: {
    name: string;
    identifier: string;
    picture: string | null;
    username: string | null;
    entries: { content: string; media: { path: string }[] }[];
  }[];
  comments: Omit<PreviewCommentView, 'id'>[];
}
