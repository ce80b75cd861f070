// Renders media/icon.png (128x128, the Marketplace icon) from HTML with the project's own playwright-core and Debian
// chromium, so the icon has a source: node tools/render-icon.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './vscode-host/ui.mjs';

const out = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');
const cell = (x, y, w, color) => `<div style="position:absolute;left:${x}px;top:${y}px;width:${w}px;height:14px;border-radius:3px;background:${color}"></div>`;
const rows = [0, 1, 2, 3].map(r => [cell(20, 44 + r * 19, 26, r ? '#cfe3f7' : '#ffffff'), cell(51, 44 + r * 19, 26, r ? '#cfe3f7' : '#ffffff'), cell(82, 44 + r * 19, 26, r === 2 ? '#f59e0b' : r ? '#cfe3f7' : '#ffffff')].join('')).join('');
const html = `<body style="margin:0;background:transparent">
  <div style="position:relative;width:128px;height:128px;border-radius:24px;background:linear-gradient(135deg,#1f6feb,#0b3d91);overflow:hidden">
    <div style="position:absolute;left:20px;top:14px;font:700 20px/20px system-ui,sans-serif;color:#fff;letter-spacing:1px">CSV</div>
    ${rows}
  </div></body>`;
const { browser, page } = await launch({ viewport: { width: 128, height: 128 } });
try {
  await page.setContent(html);
  await page.screenshot({ path: out, omitBackground: true });
  console.log(out);
} finally {
  await browser.close();
}
