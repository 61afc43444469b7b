// A plugin's thumbnail, drawn from its name so every plugin has one that exists and matches.
export function thumbnailSvg(name: string, glyph: string): string {
  const short = name.replace(/^Lathe\s+/, '');
  const escapeXml = (text: string) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <rect width="256" height="256" rx="28" fill="#15171b"/>
  <rect x="8" y="8" width="240" height="240" rx="22" fill="none" stroke="#2f6fb0" stroke-width="4"/>
  <path d="${glyph}" fill="none" stroke="#4ea1f3" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/>
  <text x="128" y="212" text-anchor="middle" font-family="system-ui, sans-serif" font-size="30" font-weight="600" fill="#e6e8eb">${escapeXml(short)}</text>
  <text x="128" y="44" text-anchor="middle" font-family="system-ui, sans-serif" font-size="18" fill="#8a93a0">LATHE</text>
</svg>
`;
}
