// Images in the chat: the shapes the webview and the host exchange (an image attached to a prompt, a saved
// image shown with its turn), the limits both sides enforce, the strings, and validation of what the webview
// sends. protocol.ts joins these into its unions.

export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMime = (typeof IMAGE_MIME_TYPES)[number];

export const imageLimits = {
  /** Images per message. */
  perTurn: 4,
  /** A file bigger than this is refused before it is read (bytes). */
  inputBytes: 20 * 1024 * 1024,
  /** What is sent: Zhipu's vision models take images up to about 5 MB (bytes, before base64). */
  sendBytes: 5 * 1024 * 1024,
  /** The longest edge after downscaling (px). */
  maxEdge: 2048,
  name: 200,
} as const;

/** Rough prompt cost of one image (GLM vision models bill a tile-based count of about this size). */
export const IMAGE_TOKEN_ESTIMATE = 1_000;

/** An image attached to a prompt, already downscaled by the webview. */
export interface ImageAttachment {
  name: string;
  mime: ImageMime;
  /** `data:<mime>;base64,…` */
  dataUrl: string;
  width: number;
  height: number;
}

/** An image of a sent turn: `src` is a data URL read from the file beside the chat's log. */
export interface ImageView {
  name: string;
  src: string;
  width: number;
  height: number;
}

/**
 * A file chosen in the host's picker: the webview checks, decodes and downscales it like a pasted one. A file
 * over `inputBytes` or of another type is not read (no `dataUrl`); the webview says why.
 */
export interface PickedFile {
  name: string;
  /** From the extension; '' when it is no image type. */
  mime: string;
  size: number;
  dataUrl?: string;
}

export type ImageToWebview = { type: 'image/picked'; files: PickedFile[] };

export type ImageFromWebview =
  | { type: 'image/pick' }
  /** Opens an image of a sent turn in an editor. */
  | { type: 'image/open'; chatId: string; turnId: string; index: number };

export const imageStringsEn = {
  attachImage: 'Attach image (or paste, or drop)', imagesLabel: 'Images', imageChip: 'Image {0}, {1}×{2}',
  imageLimit: 'At most {0} images per message.', imageType: '{0} is not a PNG, JPEG, WebP or GIF image.',
  imageTooLarge: '{0} is larger than {1} MB.', imageUnreadable: '{0} could not be read as an image.',
  imageNoInput: '{0} takes no images.', sendToVision: 'Send to {0}', openImage: 'Open {0}',
  visionAnswered: 'Vision model: the chosen model takes no images',
} as const;

const DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,[A-Za-z0-9+/]+={0,2}$/;
const SAFE_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The mime type of a well-formed base64 image data URL of an accepted type, else undefined. */
export function dataUrlMime(url: string): ImageMime | undefined {
  return DATA_URL.exec(url)?.[1] as ImageMime | undefined;
}

/** Decoded size of a base64 data URL (bytes). */
export function dataUrlBytes(url: string): number {
  const b64 = url.slice(url.indexOf(',') + 1);
  return Math.floor((b64.length * 3) / 4) - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
}

/** The longest data URL an image within `sendBytes` can have. */
const MAX_DATA_URL = Math.ceil(imageLimits.sendBytes / 3) * 4 + 64;

function validAttachment(v: unknown): v is ImageAttachment {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const a = v as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== 5 || !['name', 'mime', 'dataUrl', 'width', 'height'].every((k) => keys.includes(k))) return false;
  const dim = (n: unknown): boolean => Number.isInteger(n) && (n as number) > 0 && (n as number) <= imageLimits.maxEdge;
  return typeof a.name === 'string' && a.name.length <= imageLimits.name && typeof a.dataUrl === 'string'
    && a.dataUrl.length <= MAX_DATA_URL && dataUrlMime(a.dataUrl) === a.mime && dim(a.width) && dim(a.height);
}

/** `images` of a `chat/send`: at most `perTurn` well-formed attachments. */
export function validImages(v: unknown): boolean {
  return Array.isArray(v) && v.length <= imageLimits.perTurn && v.every(validAttachment);
}

/** Checks an image message from the webview; returns a clean copy or undefined. */
export function validateImageMessage(obj: Record<string, unknown>): ImageFromWebview | undefined {
  const keys = Object.keys(obj).filter((k) => k !== 'type');
  if (obj.type === 'image/pick') return keys.length === 0 ? { type: 'image/pick' } : undefined;
  if (obj.type !== 'image/open' || keys.length !== 3) return undefined;
  const { chatId, turnId, index } = obj;
  if (typeof chatId !== 'string' || !SAFE_ID.test(chatId) || typeof turnId !== 'string' || !SAFE_ID.test(turnId)) return undefined;
  if (!Number.isInteger(index) || (index as number) < 0 || (index as number) >= imageLimits.perTurn) return undefined;
  return { type: 'image/open', chatId, turnId, index: index as number };
}
