// Images of a chat, stored as files beside its log: `chats/<chatId>.images/<sha256>.<ext>` (moved to `trash/`
// with the log when the chat is deleted, removed when it is purged). The log only references them (ImageRef),
// so it stays small and searchable; the same image attached twice is one file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { dataUrlMime, type ImageAttachment, type ImageMime } from '../shared/imageProtocol';
import { writeAtomically } from './durableFile';
import { isChatId } from './historyIndex';
import type { ImageRef, Turn } from './conversation';
import type { ImageLookup } from './promptAssembly';

const EXT: Record<ImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };
const MIME_OF_EXT = new Map(Object.entries(EXT).map(([mime, ext]) => [ext, mime as ImageMime]));
const FILE = /^[0-9a-f]{64}\.(png|jpg|webp|gif)$/;

export function imagesDir(dir: string, chatId: string, deleted: boolean): string {
  if (!isChatId(chatId)) throw new Error('Invalid chat id');
  return path.join(dir, deleted ? 'trash' : 'chats', `${chatId}.images`);
}

export interface ChatImages {
  /** Writes a prompt's images; call before the turn that references them is added to the log. */
  save(chatId: string, images: Array<{ ref: ImageRef; dataUrl: string }>): Promise<void>;
  /** A saved image as a data URL (undefined when its file is gone). */
  read(chatId: string, ref: ImageRef): Promise<string | undefined>;
  path(chatId: string, ref: ImageRef): string;
  /** Moves a chat's images with its log (delete to the trash, undo back). */
  move(chatId: string, toTrash: boolean): Promise<void>;
  /** Removes a purged chat's images. */
  remove(chatId: string): Promise<void>;
}

export function chatImages(dir: string): ChatImages {
  return {
    save: async (chatId, images) => {
      for (const { ref, dataUrl } of images) await saveImage(dir, chatId, dataUrl, ref);
    },
    read: (chatId, ref) => readImage(dir, chatId, ref),
    path: (chatId, ref) => imagePath(dir, chatId, ref),
    move: async (chatId, toTrash) => {
      const from = imagesDir(dir, chatId, !toTrash);
      if (await exists(from)) await fs.rename(from, imagesDir(dir, chatId, toTrash));
    },
    remove: (chatId) => fs.rm(imagesDir(dir, chatId, true), { recursive: true, force: true }),
  };
}

/**
 * Reads every image of the user turns in `turns` (each file once) for one request or view; `fresh`: images of
 * a prompt not saved yet.
 */
export async function loadImages(images: ChatImages, chatId: string, turns: readonly Turn[], fresh: ReadonlyArray<{ ref: ImageRef; dataUrl: string }> = []): Promise<ImageLookup> {
  const urls = new Map(fresh.map((f) => [f.ref.file, f.dataUrl]));
  const refs = turns.flatMap((t) => (t.kind === 'user' ? t.images ?? [] : []));
  for (const ref of refs) {
    if (!urls.has(ref.file)) urls.set(ref.file, (await images.read(chatId, ref)) ?? '');
  }
  return (ref) => urls.get(ref.file) || undefined;
}

/** The reference an attachment is saved under (content-addressed); undefined when it is no image data URL. */
export function imageRef(image: ImageAttachment): ImageRef | undefined {
  const mime = dataUrlMime(image.dataUrl);
  if (!mime) return undefined;
  const hash = createHash('sha256').update(bytesOf(image.dataUrl)).digest('hex');
  return { file: `${hash}.${EXT[mime]}`, mime, width: image.width, height: image.height, name: image.name };
}

/** The path of a saved image; throws for a reference that is not one of ours (it would name another file). */
export function imagePath(dir: string, chatId: string, ref: Pick<ImageRef, 'file'>): string {
  if (!FILE.test(ref.file)) throw new Error('Invalid image reference');
  return path.join(imagesDir(dir, chatId, false), ref.file);
}

/** Writes the image unless the chat has it already (same content, same name). */
async function saveImage(dir: string, chatId: string, dataUrl: string, ref: ImageRef): Promise<void> {
  const file = imagePath(dir, chatId, ref);
  if (await exists(file)) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeAtomically(file, bytesOf(dataUrl));
}

/** The saved image as a data URL, or undefined when its file is gone. */
async function readImage(dir: string, chatId: string, ref: Pick<ImageRef, 'file'>): Promise<string | undefined> {
  const file = imagePath(dir, chatId, ref);
  const mime = MIME_OF_EXT.get(path.extname(file).slice(1));
  const data = await fs.readFile(file).catch(() => undefined);
  return data && mime ? `data:${mime};base64,${data.toString('base64')}` : undefined;
}

function bytesOf(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}
