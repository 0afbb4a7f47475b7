// URL-safe topic slugs: lowercase letters/digits of any script joined by "-".
import { mainPart } from "./text";

const MAX_SLUG = 80;

export function slugify(title: string): string {
  // The trailing parenthetical is usually a translation ("EC2 Placement Groups (배치 그룹)"): keep slugs short.
  const base = mainPart(title).trim() || title;
  let s = base
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
  if (s.length > MAX_SLUG) s = s.slice(0, MAX_SLUG).replace(/-[^-]*$/, "") || s.slice(0, MAX_SLUG);
  return s || "topic";
}

/** Returns `slug`, or `slug-2`, `slug-3`... when taken. */
export function uniqueSlug(slug: string, taken: Set<string>): string {
  if (!taken.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const candidate = `${slug}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
