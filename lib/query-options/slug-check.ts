import { queryOptions } from '@tanstack/react-query';

// The admin screen's live checks as TanStack Query options (browser side): the debounced value is
// in the key, so an older answer never lands on a newer value.

import type { SlugVerdict } from '@/lib/companies/rules';

const ALL = ['admin', 'slug-check'] as const;

/** Every key of the slug check, from here only. */
export const slugCheckKeys = {
  all: ALL,
  slug: (slug: string) => [...ALL, slug] as const,
};

export function slugCheck(slug: string) {
  return queryOptions({
    queryKey: slugCheckKeys.slug(slug),
    queryFn: async ({ signal }): Promise<SlugVerdict> => {
      const res = await fetch(`/admin/slug-check?slug=${encodeURIComponent(slug)}`, { signal, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`slug check answered ${res.status}`);
      return (await res.json()) as SlugVerdict;
    },
    staleTime: 5_000,
  });
}
