// The images attached to the next message, as pure state and rules: which files are taken (type, size, how
// many), the size an image is downscaled to, and whether it is re-encoded. imageTray.ts applies them.
import { IMAGE_MIME_TYPES, imageLimits, type ImageAttachment, type ImageMime } from '../shared/imageProtocol';
import type { UiStringKey } from '../shared/protocol';

export interface ImageChip extends ImageAttachment {
  id: string;
}

/** Why a file is not attached: a string key and its arguments. */
export interface Refusal {
  key: Extract<UiStringKey, 'imageLimit' | 'imageType' | 'imageTooLarge' | 'imageUnreadable'>;
  args: Array<string | number>;
}

export interface Candidate {
  name: string;
  type: string;
  size: number;
}

export function isImageType(type: string): type is ImageMime {
  return (IMAGE_MIME_TYPES as readonly string[]).includes(type);
}

/** Splits candidate files into those to read and refusals, given how many images are attached already. */
export function admit<T extends Candidate>(files: readonly T[], attached: number): { accepted: T[]; refused: Refusal[] } {
  const accepted: T[] = [];
  const refused: Refusal[] = [];
  for (const file of files) {
    if (!isImageType(file.type)) refused.push({ key: 'imageType', args: [file.name] });
    else if (file.size > imageLimits.inputBytes) refused.push({ key: 'imageTooLarge', args: [file.name, imageLimits.inputBytes / 2 ** 20] });
    else if (attached + accepted.length >= imageLimits.perTurn) {
      if (!refused.some((r) => r.key === 'imageLimit')) refused.push({ key: 'imageLimit', args: [imageLimits.perTurn] });
    } else accepted.push(file);
  }
  return { accepted, refused };
}

/** The size to draw an image at: within `maxEdge` on its longest side, aspect kept, never enlarged. */
export function fitWithin(width: number, height: number, maxEdge: number = imageLimits.maxEdge): { width: number; height: number; scaled: boolean } {
  const longest = Math.max(width, height);
  if (longest <= maxEdge) return { width, height, scaled: false };
  const k = maxEdge / longest;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)), scaled: true };
}

/**
 * How an image is sent: as its file when it needs no scaling and is small enough, else redrawn. PNG stays PNG
 * (screenshots of code and text blur as JPEG) unless the redrawn PNG is still too big; the rest become JPEG.
 */
export function encoding(mime: ImageMime, bytes: number, scaled: boolean): { redraw: boolean; mime: ImageMime } {
  if (!scaled && bytes <= imageLimits.sendBytes) return { redraw: false, mime };
  return { redraw: true, mime: mime === 'image/png' && bytes <= imageLimits.sendBytes * 4 ? 'image/png' : 'image/jpeg' };
}

/** JPEG quality of a redrawn image. */
export const JPEG_QUALITY = 0.9;

export function addChips(chips: readonly ImageChip[], added: readonly ImageChip[]): ImageChip[] {
  return [...chips, ...added].slice(0, imageLimits.perTurn);
}

export function removeChip(chips: readonly ImageChip[], id: string): { chips: ImageChip[]; focus: number } {
  const at = chips.findIndex((c) => c.id === id);
  if (at < 0) return { chips: [...chips], focus: -1 };
  const next = chips.filter((c) => c.id !== id);
  // Focus stays in the row: the chip that took its place, else the one before; -1 when none is left.
  return { chips: next, focus: next.length === 0 ? -1 : Math.min(at, next.length - 1) };
}

/** The chips as attachments for `chat/send` (without the webview's ids). */
export function attachments(chips: readonly ImageChip[]): ImageAttachment[] {
  return chips.map(({ name, mime, dataUrl, width, height }) => ({ name, mime, dataUrl, width, height }));
}
