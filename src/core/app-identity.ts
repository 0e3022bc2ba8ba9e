// Who foureyes is on GitHub: its app's id and slug, and the account its
// reviews, comments, check runs and issues are written by. A hidden marker
// counts only on something this account wrote; anyone can type a marker.

export interface AppIdentity {
  /** The GitHub App's numeric id (check runs name it as their app). */
  id: number;
  /** The app's slug, e.g. "foureyes"; GraphQL names the bot account by it. */
  slug: string;
  /** The bot account's REST login, e.g. "foureyes[bot]". */
  login: string;
}

/** The author of a REST or GraphQL object, as GitHub names it. */
export interface Author {
  login: string;
  /** REST `user.type` or GraphQL `__typename`: "Bot" for an app's account. */
  type?: string;
}

/**
 * True when `author` is foureyes' own bot account: the REST login
 * "<slug>[bot]" (no person can have brackets in a login), or, as GraphQL
 * names it, the bare slug on an account of type Bot.
 */
export function isAppAccount(author: Author | null | undefined, app: Pick<AppIdentity, "slug" | "login">): boolean {
  if (!author) return false;
  const login = author.login.toLowerCase();
  if (login === app.login.toLowerCase()) return true;
  return login === app.slug.toLowerCase() && author.type === "Bot";
}
