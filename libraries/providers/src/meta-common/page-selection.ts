import { ProviderError } from '../contracts/provider-error';
import type { ChannelTokens, ConnectedChannel, PageOption, PageSelection } from '../contracts/provider.types';
import type { FacebookLogin } from './facebook-login';
import type { GraphClient } from './graph-client';
import { igAccountSchema, type GraphPage } from './graph.schemas';

/** The in-between step for `facebook`: every Page the person manages. */
export class FacebookPageSelection implements PageSelection {
  constructor(private readonly login: FacebookLogin) {}

  async list(tokens: ChannelTokens): Promise<PageOption[]> {
    const pages = await this.login.listPages(tokens.accessToken);
    return pages.map((page) => ({ id: page.id, pageId: page.id, name: page.name, picture: page.picture?.data?.url }));
  }

  async select(tokens: ChannelTokens, pageId: string): Promise<ConnectedChannel> {
    const page = await findPage(this.login, tokens, (p) => p.id === pageId);
    return {
      identity: { id: page.id, name: page.name, picture: page.picture?.data?.url },
      tokens: { accessToken: pageToken(this.login, page) },
      inBetweenSteps: false,
    };
  }
}

/** The in-between step for `instagram`: Pages with a linked Instagram business account, shown as that account. */
export class InstagramPageSelection implements PageSelection {
  constructor(
    private readonly login: FacebookLogin,
    private readonly graph: GraphClient,
    private readonly base: string,
  ) {}

  async list(tokens: ChannelTokens): Promise<PageOption[]> {
    const pages = await this.login.listPages(tokens.accessToken);
    const options: PageOption[] = [];
    for (const page of pages) {
      const igId = page.instagram_business_account?.id;
      if (!igId) continue;
      const account = await this.account(igId, tokens.accessToken);
      options.push({
        id: igId,
        pageId: page.id,
        name: account.name ?? account.username ?? page.name,
        username: account.username,
        picture: account.profile_picture_url,
      });
    }
    return options;
  }

  /** Accepts the Page id or the Instagram account id, since the list shows both. */
  async select(tokens: ChannelTokens, pageId: string): Promise<ConnectedChannel> {
    const page = await findPage(
      this.login,
      tokens,
      (p) => p.instagram_business_account !== undefined && (p.id === pageId || p.instagram_business_account.id === pageId),
    );
    const igId = page.instagram_business_account?.id ?? pageId;
    const accessToken = pageToken(this.login, page);
    const account = await this.account(igId, accessToken);
    return {
      identity: {
        id: igId,
        name: account.name ?? account.username ?? page.name,
        username: account.username,
        picture: account.profile_picture_url,
      },
      tokens: { accessToken },
      inBetweenSteps: false,
    };
  }

  private account(igId: string, token: string) {
    return this.graph.request({
      method: 'GET',
      url: `${this.base}/${encodeURIComponent(igId)}`,
      query: { fields: 'id,name,username,profile_picture_url' },
      token,
      schema: igAccountSchema,
    });
  }
}

async function findPage(login: FacebookLogin, tokens: ChannelTokens, match: (page: GraphPage) => boolean): Promise<GraphPage> {
  const pages = await login.listPages(tokens.accessToken);
  const page = pages.find(match);
  if (!page) {
    throw new ProviderError('platform_error', login.provider, 'That Page is not among the Pages this Facebook account manages');
  }
  return page;
}

function pageToken(login: FacebookLogin, page: GraphPage): string {
  if (!page.access_token) {
    throw new ProviderError('reconnect', login.provider, `Facebook gave no access token for the Page "${page.name}"`, {
      missingPermissions: ['pages_show_list'],
    });
  }
  return page.access_token;
}
