import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import './admin.css';

export default function AdminLayout({ children }: { children: ReactNode }) {
  // The admin screens' live checks (slug, company usernames) share one TanStack Query client.
  return (
    <div className="admin">
      <Providers>{children}</Providers>
    </div>
  );
}
