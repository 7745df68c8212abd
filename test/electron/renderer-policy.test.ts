import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../main/electron/protocols';
import { headerOnlyDirectives, metaPolicy } from '../../main/handlers/renderer-policy';

vi.mock('electron', () => ({}));

const indexHtml = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');

function metaContent(html: string): string | undefined {
  const tag = /<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/i.exec(html)?.[0];
  return tag ? /content="([^"]*)"/.exec(tag)?.[1] : undefined;
}

describe("renderer/index.html's <meta> policy", () => {
  it('is the window policy without the header-only directives', () => {
    expect(metaContent(indexHtml)).toBe(metaPolicy(contentSecurityPolicy));
  });

  it('carries no header-only directive, though the header does', () => {
    const directives = (metaContent(indexHtml) ?? '').split('; ').map((d) => d.split(' ')[0]);
    for (const name of headerOnlyDirectives) expect(directives).not.toContain(name);
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
  });
});
