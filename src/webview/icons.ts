// A few inline SVG icons in the codicon style (16px, currentColor), so no font or CSP exception is needed.
const paths = {
  send: 'M1.7 1.3 15 8 1.7 14.7 3.2 8.5H9v-1H3.2L1.7 1.3z',
  stop: 'M4 4h8v8H4z',
  check: 'M13.7 3.6 6 11.3 2.3 7.6l-.7.7L6 12.7l8.4-8.4z',
  add: 'M7.5 2h1v5.5H14v1H8.5V14h-1V8.5H2v-1h5.5z',
  edit: 'M11.7 1.3 14.7 4.3 5.5 13.5 1.8 14.2 2.5 10.5zM3.4 11l-.4 2 2-.4 7.6-7.6-1.6-1.6z',
  refresh: 'M13.5 8A5.5 5.5 0 1 1 11.9 4.1L10 6h4.5V1.5l-1.9 1.9A6.5 6.5 0 1 0 14.5 8z',
  copy: 'M4 4V1.5h10.5V12H12v2.5H1.5V4zm1 0h7v7h1.5V2.5H5zM2.5 5v8.5h8.5V5z',
  insert: 'M8 1v9.3l3.1-3.1.7.7L7.5 12.2 3.2 7.9l.7-.7L7 10.3V1zM2 14h11v1H2z',
  diff: 'M3 2h7l3 3v9H3zm1 1v10h8V5.4L9.6 3zm1.5 3H8V4h1v2h2v1H9v2H8V7H5.5zm0 4h5v1h-5z',
  newFile: 'M9.5 1 13 4.5V15H3V1zM4 2v12h8V5H9V2zm4 5h1v2h2v1H9v2H8v-2H6V9h2z',
  trash: 'M6 1h4v1.5h4v1H2v-1h4zM3.5 5h9l-.8 10H4.3zm1.1 1 .6 8h5.6l.6-8z',
  export: 'M8 1 11.5 4.5l-.7.7L8.5 2.9V10h-1V2.9L5.2 5.2l-.7-.7zM2 9h1v5h10V9h1v6H2z',
  history: 'M2 3h12v1H2zm0 4h12v1H2zm0 4h8v1H2z',
  close: 'M4.1 3.4 8 7.3l3.9-3.9.7.7L8.7 8l3.9 3.9-.7.7L8 8.7l-3.9 3.9-.7-.7L7.3 8 3.4 4.1z',
  chevronLeft: 'M10.4 2.6 5 8l5.4 5.4.7-.7L6.4 8l4.7-4.7z',
  chevronRight: 'M5.6 2.6 11 8l-5.4 5.4-.7-.7L9.6 8 4.9 3.3z',
  key: 'M10.5 1A4.5 4.5 0 0 0 6.2 6.9L1 12.1V15h3v-1.5h1.5V12H7l1.3-1.3A4.5 4.5 0 1 0 10.5 1zm1 4a1 1 0 1 1 0-2 1 1 0 0 1 0 2z',
  warning: 'M8 1 15.5 14.5H.5zm0 2.2L2.2 13.5h11.6zM7.5 6h1v4h-1zm0 5h1v1h-1z',
  file: 'M9.5 1 13 4.5V15H3V1zM4 2v12h8V5H9V2z',
  selection: 'M2 2h3v1H3v2H2zm9 0h3v3h-1V3h-2zM2 11h1v2h2v1H2zm11 0h1v3h-3v-1h2zM5 7h6v2H5z',
  problems: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm0 1a6 6 0 1 0 0 12A6 6 0 0 0 8 2zM7.5 4h1v5h-1zm0 6h1v1.5h-1z',
  globe: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm-.5 1.03A6 6 0 0 0 5.2 4.5h2.3zm1 0V4.5h2.3A6 6 0 0 0 8.5 2.03zM4.7 5.5a6 6 0 0 0-.6 2h3.4v-2zm3.8 0v2h3.4a6 6 0 0 0-.6-2zM4.1 8.5a6 6 0 0 0 .6 2h2.8v-2zm4.4 0v2h2.8a6 6 0 0 0 .6-2zM5.2 11.5a6 6 0 0 0 2.3 2.47V11.5zm3.3 0v2.47a6 6 0 0 0 2.3-2.47z',
  fileMedia: 'M1 3h14v10H1zm1 1v6.3l3.5-3.5 3 3 2-2 3.5 3.5V4zm0 8h12v-.3l-3.5-3.5-2 2-3-3L2 11.7zM11 5.5a1 1 0 1 1 0 2 1 1 0 0 1 0-2z',
  search: 'M10 2a4 4 0 1 1-2.5 7.1L3.2 13.4l-.7-.7 4.3-4.3A4 4 0 0 1 10 2zm0 1a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
} as const;

export type IconName = keyof typeof paths;
const svgNs = 'http://www.w3.org/2000/svg';

export function icon(name: IconName): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', paths[name]);
  path.setAttribute('fill', 'currentColor');
  path.setAttribute('fill-rule', 'evenodd');
  svg.append(path);
  return svg;
}
