import { QueryClient } from '@tanstack/react-query';

/** One QueryClient per browser tab (and a fresh one per server render). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: false, refetchOnWindowFocus: false },
    },
  });
}
