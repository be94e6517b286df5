import { queryOptions } from '@tanstack/react-query';

// The admin screen's live checks as TanStack Query options (browser side): the debounced value is
// in the key, so an older answer never lands on a newer value.

export interface SlugAnswer {
  slug: string;
  available: boolean;
  message: string;
}

export function slugCheck(slug: string) {
  return queryOptions({
    queryKey: ['admin', 'slug-check', slug] as const,
    queryFn: async ({ signal }): Promise<SlugAnswer> => {
      const res = await fetch(`/admin/slug-check?slug=${encodeURIComponent(slug)}`, { signal, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`slug check answered ${res.status}`);
      return (await res.json()) as SlugAnswer;
    },
    staleTime: 5_000,
  });
}
