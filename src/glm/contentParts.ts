// User message content as parts (text and images), the OpenAI-compatible form Zhipu's vision models take:
// `[{type: 'text', text}, {type: 'image_url', image_url: {url: 'data:image/png;base64,...'}}]`.

export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } };

export type UserContent = string | ContentPart[];


/** Images first, then the text, as Zhipu's vision examples order them; the plain text when there are none. */
export function withImages(text: string, urls: readonly string[]): UserContent {
  if (urls.length === 0) return text;
  return [...urls.map((url): ContentPart => ({ type: 'image_url', image_url: { url } })), { type: 'text', text }];
}

/** The text of a content: the string, or its text parts joined. */
export function textOf(content: UserContent | null | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((p) => (p.type === 'text' ? p.text : '')).join('\n');
}

export function imageCount(content: UserContent | null | undefined): number {
  return Array.isArray(content) ? content.filter((p) => p.type === 'image_url').length : 0;
}

/** For a model without image input: the text parts only, with a note in place of each image. */
export function withoutImages(content: UserContent): string {
  if (typeof content === 'string') return content;
  return content.map((p) => (p.type === 'text' ? p.text : '[image omitted: this model takes no images]')).join('\n');
}
