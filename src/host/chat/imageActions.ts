import * as path from 'node:path';
import * as vscode from 'vscode';
import { IMAGE_MIME_TYPES, imageLimits, type ImageFromWebview, type ImageToWebview, type PickedFile } from '../../shared/imageProtocol';
import type { ChatSession } from '../../chat/chatSession';

const MIME_OF_EXT: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif' };

/** `image/pick` answers with the files read (nothing when the picker is cancelled); `image/open` shows one. */
export async function imageAction(msg: ImageFromWebview, session: ChatSession, post: (msg: ImageToWebview) => void): Promise<void> {
  if (msg.type === 'image/open') return openImage(session, msg.chatId, msg.turnId, msg.index);
  const picked = await pickImages();
  if (picked) post(picked);
}

/** The composer's attach button: images chosen in the system file picker, read for the webview to check. */
async function pickImages(): Promise<ImageToWebview | undefined> {
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: true,
    openLabel: vscode.l10n.t('Attach'),
    filters: { [vscode.l10n.t('Images')]: Object.keys(MIME_OF_EXT).map((ext) => ext.slice(1)) },
  });
  if (!uris?.length) return undefined;
  // One more than fits, so the webview can say that the rest did not.
  const files = await Promise.all(uris.slice(0, imageLimits.perTurn + 1).map(readPicked));
  return { type: 'image/picked', files };
}

async function readPicked(uri: vscode.Uri): Promise<PickedFile> {
  const name = path.basename(uri.path).slice(0, imageLimits.name);
  const mime = MIME_OF_EXT[path.extname(uri.path).toLowerCase()] ?? '';
  const { size } = await vscode.workspace.fs.stat(uri);
  if (!(IMAGE_MIME_TYPES as readonly string[]).includes(mime) || size > imageLimits.inputBytes) return { name, mime, size };
  const data = await vscode.workspace.fs.readFile(uri);
  return { name, mime, size, dataUrl: `data:${mime};base64,${Buffer.from(data).toString('base64')}` };
}

/** Opens an image of a sent turn in VS Code's image preview. */
async function openImage(session: ChatSession, chatId: string, turnId: string, index: number): Promise<void> {
  const store = await session.store();
  if (!store.has(chatId)) return;
  const chat = await store.load(chatId);
  const turn = chat.turns.get(turnId);
  const ref = turn?.kind === 'user' ? turn.images?.[index] : undefined;
  if (!ref) return;
  await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(store.images.path(chatId, ref)), { preview: true });
}
