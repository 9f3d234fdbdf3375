// Turns a pasted, dropped or picked file into an attachment: decoded (proving it is an image), downscaled on a
// canvas when its longest edge is over the limit, re-encoded when it is too big to send (imageChips.ts rules).
import { dataUrlBytes, imageLimits, type ImageAttachment, type ImageMime } from '../shared/imageProtocol';
import { encoding, fitWithin, JPEG_QUALITY } from './imageChips';

export async function intakeImage(blob: Blob, name: string, mime: ImageMime): Promise<ImageAttachment> {
  const bitmap = await createImageBitmap(blob);
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const how = encoding(mime, blob.size, size.scaled);
    if (!how.redraw) return { name, mime, dataUrl: await readDataUrl(blob), width: bitmap.width, height: bitmap.height };
    let dataUrl = redraw(bitmap, size, how.mime);
    // A redrawn PNG that is still too big goes as JPEG.
    if (dataUrlBytes(dataUrl) > imageLimits.sendBytes && how.mime !== 'image/jpeg') dataUrl = redraw(bitmap, size, 'image/jpeg');
    return { name, mime: dataUrl.startsWith('data:image/png') ? 'image/png' : 'image/jpeg', dataUrl, width: size.width, height: size.height };
  } finally {
    bitmap.close();
  }
}

/** The bytes of a data URL the host sent (a picked file) as a Blob; fetch() of data: is blocked by the CSP. */
export function blobOf(dataUrl: string, mime: string): Blob {
  const binary = atob(dataUrl.slice(dataUrl.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

function redraw(bitmap: ImageBitmap, size: { width: number; height: number }, mime: ImageMime): string {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas');
  if (mime === 'image/jpeg') {
    // JPEG has no transparency: a transparent screenshot would turn black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
  }
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas.toDataURL(mime, JPEG_QUALITY);
}

function readDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}
