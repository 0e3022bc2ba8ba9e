// foureyes' GitHub App identity in tests, and the account its writes carry.

import type { AppIdentity } from "../../src/core/app-identity.js";

export const TEST_APP: AppIdentity = { id: 31337, slug: "foureyes", login: "foureyes[bot]" };

/** The `user` of a review, comment or issue written by foureyes' app, as REST shows it. */
export const APP_USER = { login: TEST_APP.login, id: 900001, type: "Bot" } as const;
