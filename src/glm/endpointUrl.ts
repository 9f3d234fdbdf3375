// Base URL -> the chat completions URL. `/chat/completions` goes onto the path, so a query a proxy needs
// (`?api-version=1`) survives; a URL with `user:password@` is refused before anything is sent, because
// fetch would reject it with a message that repeats the password.

import { GlmError } from './errors';

/** The URL to POST chat completions to, or a non-retryable GlmError that says what is wrong with the base URL. */
export function chatCompletionsUrl(baseUrl: string | undefined, model?: string): string {
  const raw = (baseUrl ?? '').trim();
  let url: URL | undefined;
  try {
    url = /^https?:\/\/[^/]/i.test(raw) ? new URL(raw) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) {
    throw new GlmError('badRequest', 'The base URL is not set or not an http(s) URL. Check the "glm.baseUrl" setting.', {
      code: 'invalid_base_url', model, retryable: false,
    });
  }
  if (url.username || url.password) {
    throw new GlmError(
      'badRequest',
      'The base URL contains a user name or password ("user:password@"), which cannot be sent safely. Remove them from the "glm.baseUrl" setting; the API token is set with "GLM: Set API Token".',
      { code: 'credentials_in_base_url', model, retryable: false },
    );
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  url.hash = '';
  return url.toString();
}
