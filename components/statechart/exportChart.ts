// The chart leaves the page as a file that looks as it does on screen: the page's styles are written into a copy
// of the drawing (a file has no stylesheet), then saved as SVG, or drawn onto a canvas and saved as PNG.

/** What of the page's style the drawing needs, per element. */
const drawnProperties = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-linejoin',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
] as const;

/** A standalone copy of the drawing, each element carrying its computed style, at its laid-out size. */
function styledCopy(svg: SVGSVGElement): SVGSVGElement {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, index) => {
    const style = getComputedStyle(original);
    const declarations = drawnProperties.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';');
    copies[index]?.setAttribute('style', declarations);
  });
  // The screens are the page's addresses: a file cannot load them (a picture drawn from an SVG loads nothing).
  for (const screen of copy.querySelectorAll('image')) screen.remove();
  const { width, height } = svg.viewBox.baseVal;
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  return copy;
}

function download(blob: Blob, fileName: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  // Some browsers start the download after the click returns: the address is let go a moment later.
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}

const svgBlob = (svg: SVGSVGElement) =>
  new Blob([new XMLSerializer().serializeToString(styledCopy(svg))], { type: 'image/svg+xml' });

export function exportSvg(svg: SVGSVGElement, fileName: string) {
  download(svgBlob(svg), fileName);
}

/** The drawing at twice its size (sharp on a high-density screen or a slide), on a white page. */
export async function exportPng(svg: SVGSVGElement, fileName: string) {
  const density = 2;
  const { width, height } = svg.viewBox.baseVal;
  const source = URL.createObjectURL(svgBlob(svg));
  try {
    const image = new Image();
    image.src = source;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * density);
    canvas.height = Math.ceil(height * density);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the chart as a picture.');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
    if (!png) throw new Error('This browser cannot draw the chart as a picture.');
    download(png, fileName);
  } finally {
    URL.revokeObjectURL(source);
  }
}
