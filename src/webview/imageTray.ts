// The composer's images: the attach button (the host's file picker), paste and drop, thumbnail chips removable
// with Delete/Backspace or their button, messages for refused files, and, when the chosen model takes no
// images, the one-click offer to send the message to the vision model instead. Rules live in imageChips.ts.
import { dataUrlBytes, imageLimits, type ImageAttachment, type PickedFile } from '../shared/imageProtocol';
import type { ModelInfo } from '../shared/protocol';
import { h } from './dom';
import { icon } from './icons';
import { addChips, admit, attachments, isImageType, removeChip, type Candidate, type ImageChip, type Refusal } from './imageChips';
import { blobOf, intakeImage } from './imageIntake';
import { t } from './strings';

export interface ImageTrayEvents {
  pick(): void;
  /** The user chose the vision model for this message (the host routes it there). */
  sendToVision(): void;
  /** Where focus goes when the last chip is removed. */
  focusInput(): void;
  changed(): void;
}

interface Incoming extends Candidate {
  blob: () => Blob | undefined;
}

export class ImageTray {
  readonly attachButton: HTMLButtonElement;
  readonly row: HTMLElement;
  readonly notice: HTMLElement;
  private chips: ImageChip[] = [];
  private sent: ImageChip[] = [];
  private pending = 0;
  private nextId = 0;
  private model: ModelInfo | undefined;
  private visionModel = '';
  private refusals: string[] = [];

  constructor(private readonly events: ImageTrayEvents) {
    this.attachButton = h('button', { class: 'icon-button attach-image', label: t('attachImage'), attrs: { type: 'button' }, on: { click: () => events.pick() } });
    this.attachButton.append(icon('fileMedia'));
    this.row = h('div', { class: 'chip-row image-row', attrs: { role: 'list', 'aria-label': t('imagesLabel') } });
    this.notice = h('div', { class: 'image-notice', attrs: { role: 'status' } });
    this.render();
  }

  get count(): number {
    return this.chips.length;
  }

  /** The images for `chat/send`; the tray empties but keeps them until the host accepts the message. */
  take(): ImageAttachment[] {
    this.sent = this.chips;
    this.chips = [];
    this.refusals = [];
    this.render();
    return attachments(this.sent);
  }

  /** The host refused the message (`chat/sendRejected`): its images come back, as its text does. */
  restore(): void {
    if (this.chips.length === 0) this.chips = this.sent;
    this.sent = [];
    this.render();
    this.events.changed();
  }

  setModel(model: ModelInfo | undefined): void {
    this.model = model;
    this.render();
  }

  setVisionModel(id: string | undefined): void {
    this.visionModel = id ?? '';
    this.render();
  }

  /** Images the chosen model cannot take: the message may only go to the vision model (never without them). */
  needsVision(): boolean {
    return this.chips.length > 0 && this.model?.imageInput !== true;
  }

  /** Enter with such images: the offer's button takes the focus, so one more Enter sends. */
  focusVisionOffer(): void {
    this.notice.querySelector<HTMLButtonElement>('.send-to-vision')?.focus();
  }

  onPaste(e: ClipboardEvent): void {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    void this.add(files.map((f) => ({ name: f.name || 'pasted-image', type: f.type, size: f.size, blob: () => f })));
  }

  onDragOver(e: DragEvent): void {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  }

  onDrop(e: DragEvent): void {
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    void this.add(files.map((f) => ({ name: f.name, type: f.type, size: f.size, blob: () => f })));
  }

  addPicked(files: PickedFile[]): void {
    void this.add(files.map((f) => ({ name: f.name, type: f.mime, size: f.size, blob: () => (f.dataUrl ? blobOf(f.dataUrl, f.mime) : undefined) })));
  }

  private async add(files: Incoming[]): Promise<void> {
    const { accepted, refused } = admit(files, this.chips.length + this.pending);
    this.refusals = refused.map(message);
    this.pending += accepted.length;
    this.render();
    const added: ImageChip[] = [];
    for (const file of accepted) {
      const image = await this.intake(file);
      // The host would refuse a message with an image over the send limit (a photo that stays big as JPEG).
      if (image && dataUrlBytes(image.dataUrl) > imageLimits.sendBytes) this.refusals.push(message({ key: 'imageTooLarge', args: [file.name, imageLimits.sendBytes / 2 ** 20] }));
      else if (image) added.push({ id: `img-${this.nextId++}`, ...image });
      else this.refusals.push(message({ key: 'imageUnreadable', args: [file.name] }));
    }
    this.pending -= accepted.length;
    this.chips = addChips(this.chips, added);
    this.render();
    this.events.changed();
  }

  private async intake(file: Incoming): Promise<ImageAttachment | undefined> {
    const blob = file.blob();
    if (!blob || !isImageType(file.type)) return undefined;
    return intakeImage(blob, file.name.slice(0, imageLimits.name), file.type).catch(() => undefined);
  }

  private remove(id: string): void {
    const { chips, focus } = removeChip(this.chips, id);
    this.chips = chips;
    this.render();
    this.events.changed();
    const next = this.row.querySelectorAll<HTMLElement>('.image-chip')[focus];
    if (next) next.focus();
    else this.events.focusInput();
  }

  private render(): void {
    this.row.replaceChildren(...this.chips.map((chip) => this.chipElement(chip)));
    this.row.hidden = this.chips.length === 0;
    const parts: Array<Node | string> = this.refusals.map((text) => h('div', { class: 'image-refusal', text }));
    if (this.needsVision()) {
      const send = h('button', { class: 'text-button primary send-to-vision', text: t('sendToVision', this.visionModel), attrs: { type: 'button' },
        on: { click: () => this.events.sendToVision() } });
      parts.push(h('div', { class: 'vision-offer' }, h('span', { text: t('imageNoInput', this.model?.id ?? '') }), send));
    }
    this.notice.replaceChildren(...parts);
    this.notice.hidden = parts.length === 0;
  }

  private chipElement(chip: ImageChip): HTMLElement {
    const remove = h('button', { class: 'chip-remove', label: t('removeChip', chip.name), attrs: { type: 'button' },
      on: { click: () => this.remove(chip.id) } });
    remove.append(icon('close'));
    const el = h('span', { class: 'chip image-chip', attrs: { role: 'listitem', tabindex: '0', 'aria-label': t('imageChip', chip.name, chip.width, chip.height) },
      on: { keydown: (e) => {
        if (e.key !== 'Delete' && e.key !== 'Backspace') return;
        e.preventDefault();
        this.remove(chip.id);
      } } },
    h('img', { class: 'chip-thumb', attrs: { src: chip.dataUrl, alt: '' } }), h('span', { class: 'chip-label', text: chip.name }), remove);
    el.title = `${chip.name} · ${chip.width}×${chip.height}`;
    return el;
  }
}

function message(refusal: Refusal): string {
  return t(refusal.key, ...refusal.args);
}
